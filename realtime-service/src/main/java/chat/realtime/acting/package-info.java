/**
 * Client events, carried out through message-service for the socket's user within a per-user
 * limit, and what became of each.
 */
@NullMarked
package chat.realtime.acting;

import org.jspecify.annotations.NullMarked;
