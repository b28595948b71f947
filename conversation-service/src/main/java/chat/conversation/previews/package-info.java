/** Previews: each conversation's last message and unread counts, kept from message events. */
@NullMarked
package chat.conversation.previews;

import org.jspecify.annotations.NullMarked;
