/** What this service needs to know of conversations: their participants, from conversation-service. */
@NullMarked
package chat.message.conversations;

import org.jspecify.annotations.NullMarked;
