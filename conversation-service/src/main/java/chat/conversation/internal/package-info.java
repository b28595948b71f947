/** The internal API of conversation-service, for the other chat services. */
@NullMarked
package chat.conversation.internal;

import org.jspecify.annotations.NullMarked;
