/** Conversations: the 1:1 pairs and who may see them. */
@NullMarked
package chat.conversation.conversations;

import org.jspecify.annotations.NullMarked;
