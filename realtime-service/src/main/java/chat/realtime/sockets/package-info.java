/** The WebSocket sessions of this instance, by conversation. */
@NullMarked
package chat.realtime.sockets;

import org.jspecify.annotations.NullMarked;
