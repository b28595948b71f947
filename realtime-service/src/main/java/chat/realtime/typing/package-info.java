/** Typing indicators: ephemeral, shared by every instance through a short-retention topic. */
@NullMarked
package chat.realtime.typing;

import org.jspecify.annotations.NullMarked;
