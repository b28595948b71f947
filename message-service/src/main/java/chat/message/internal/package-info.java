/** The internal API of message-service, for the other chat services. */
@NullMarked
package chat.message.internal;

import org.jspecify.annotations.NullMarked;
