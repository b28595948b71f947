/** Who may open a conversation's socket. */
@NullMarked
package chat.realtime.access;

import org.jspecify.annotations.NullMarked;
