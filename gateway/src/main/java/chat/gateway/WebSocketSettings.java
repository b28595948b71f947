package chat.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest WebSocket messages the gateway passes on, in bytes of payload, fragments of one
 * message counted together; a larger one closes the socket with 1009.
 *
 * @param maxMessage what a browser may send (spec B.14); realtime-service enforces the same
 *     figure, so a message is accepted or refused alike at both
 * @param maxEvent what realtime-service may send: the events of this system, not a client's
 *     input, bounded there by its send buffer (512KB by default); this limit only has to stay out
 *     of their way, since one event it refused would close every socket it was sent to
 */
@ConfigurationProperties("chat.gateway.websocket")
record WebSocketSettings(
        @DefaultValue("64KB") DataSize maxMessage,
        @DefaultValue("1MB") DataSize maxEvent) {}
