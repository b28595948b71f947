/** The conversation service. */
@NullMarked
package chat.conversation;

import org.jspecify.annotations.NullMarked;
