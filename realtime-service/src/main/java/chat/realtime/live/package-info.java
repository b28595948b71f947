/** The live events: from Kafka to this instance's sockets. */
@NullMarked
package chat.realtime.live;

import org.jspecify.annotations.NullMarked;
