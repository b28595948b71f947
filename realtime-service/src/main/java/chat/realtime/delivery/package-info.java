/**
 * Delivery to this instance's sockets: conversation sockets by conversation, user streams by
 * user, each with its own send queue; a conversation's events in {@code seq} order, each once.
 * It knows nothing of where events come from or what clients send.
 */
@NullMarked
package chat.realtime.delivery;

import org.jspecify.annotations.NullMarked;
