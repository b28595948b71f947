package chat.realtime.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param sendTimeLimit how long one send to a socket may take before the socket is closed
 * @param sendBufferLimit how much may queue for one socket before it is closed: a client that
 *     cannot keep up is dropped rather than waited on
 * @param pingInterval how often every socket is pinged; it keeps idle connections open through
 *     proxies, and a socket that answers nothing for three intervals is closed
 * @param maxMessageSize the largest message a client may send, in bytes of its UTF-8 payload
 *     (fragments of one message counted together); a larger one closes the socket with 1009
 */
@ConfigurationProperties("chat.realtime")
public record RealtimeSettings(
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("512KB") DataSize sendBufferLimit,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("64KB") DataSize maxMessageSize) {}
