/** Sending messages. */
@NullMarked
package chat.message.sending;

import org.jspecify.annotations.NullMarked;
