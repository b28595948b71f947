/**
 * The frames this service writes on its sockets, as records that Jackson writes field for field
 * as {@code contracts/sockets/<type>.schema.json} has them (the replies {@code ack} and
 * {@code error} are the client events' own, in {@code acting}). It depends on no other package of
 * the service, so every package that writes frames may use it.
 */
@NullMarked
package chat.realtime.frames;

import org.jspecify.annotations.NullMarked;
