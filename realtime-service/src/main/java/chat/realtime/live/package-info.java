/**
 * The live events: the services' CloudEvents from Kafka, read as records, made into server
 * frames for this instance's sockets; and the replay of a conversation's missed events from
 * message-service's event log.
 */
@NullMarked
package chat.realtime.live;

import org.jspecify.annotations.NullMarked;
