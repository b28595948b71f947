/** Client events, carried out through message-service for the socket's user. */
@NullMarked
package chat.realtime.acting;

import org.jspecify.annotations.NullMarked;
