/**
 * The WebSocket endpoints, {@code /ws/chat/{id}/} and {@code /ws/chat/}: what a client sends,
 * handed to the client events, and each socket's joining and leaving of the delivery. The top of
 * the service: nothing else depends on it.
 */
@NullMarked
package chat.realtime.sockets;

import org.jspecify.annotations.NullMarked;
