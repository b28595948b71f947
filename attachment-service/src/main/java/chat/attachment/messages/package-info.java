/** What this service needs to know of messages, from message-service. */
@NullMarked
package chat.attachment.messages;

import org.jspecify.annotations.NullMarked;
