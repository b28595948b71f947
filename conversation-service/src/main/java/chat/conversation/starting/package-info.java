/** Starting a conversation: the first message between two users finds or creates it. */
@NullMarked
package chat.conversation.starting;

import org.jspecify.annotations.NullMarked;
