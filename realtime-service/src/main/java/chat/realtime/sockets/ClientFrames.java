package chat.realtime.sockets;

import chat.realtime.acting.Outcome;
import chat.realtime.delivery.RealtimeSettings;
import chat.realtime.delivery.Sockets;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every socket of this service does with what a client sends (spec B.14). A text message
 * within the {@link MessageSizeLimit} goes to {@link #received}; a larger one closes the socket
 * with 1009. A binary message is invalid input like any other: refused, the socket stays open
 * (Spring's {@code TextWebSocketHandler} would close it with 1003). Pings are answered by the
 * container; invalid UTF-8 never gets here, the container closes that socket with 1007. Anything
 * at all, a pong included, shows the client is still there.
 *
 * <p>A socket opened with {@code ?acks=1} is told what became of every message it sends: an
 * {@code ack} or an {@code error} frame (spec B.19), in the order it sent them. Any other socket
 * hears nothing back, refusals included (spec A.5.2).
 */
abstract class ClientFrames extends AbstractWebSocketHandler {

    private static final String ACKS = "chat.acks";

    protected final Sockets sockets;
    private final MessageSizeLimit limit;
    private final JsonMapper json;

    ClientFrames(Sockets sockets, RealtimeSettings settings, JsonMapper json) {
        this.sockets = sockets;
        this.limit = MessageSizeLimit.of(settings.maxMessageSize());
        this.json = json;
    }

    /** A client's text message within the size limit, and what became of it. */
    protected abstract Outcome received(WebSocketSession session, String text);

    @Override
    protected final void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        sockets.heard(session);
        if (!limit.admits(message.getPayload())) {
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(
                    "A message may have at most " + limit.maxBytes() + " bytes."));
            return;
        }
        reply(session, received(session, message.getPayload()));
    }

    @Override
    protected final void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        sockets.heard(session);
        reply(session, Outcome.invalid("A binary message is not an event: send events as JSON text."));
    }

    @Override
    protected final void handlePongMessage(WebSocketSession session, PongMessage message) {
        sockets.heard(session);
    }

    private void reply(WebSocketSession session, Outcome outcome) {
        if (acknowledges(session)) {
            sockets.reply(session, json.writeValueAsString(outcome));
        }
    }

    /** {@code ?acks=1} (or {@code true}) at the handshake; read once per socket. */
    private static boolean acknowledges(WebSocketSession session) {
        return (Boolean) session.getAttributes().computeIfAbsent(ACKS, key -> {
            String acks = queryParameter(session, "acks");
            return "1".equals(acks) || "true".equals(acks);
        });
    }

    /** The first value of a query parameter of the handshake, or null. */
    protected static @Nullable String queryParameter(WebSocketSession session, String name) {
        URI uri = session.getUri();
        if (uri == null || uri.getRawQuery() == null) {
            return null;
        }
        for (String parameter : uri.getRawQuery().split("&")) {
            if (parameter.startsWith(name + "=")) {
                return parameter.substring(name.length() + 1);
            }
        }
        return null;
    }
}
