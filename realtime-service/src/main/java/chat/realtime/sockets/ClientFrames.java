package chat.realtime.sockets;

import java.io.IOException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * What every socket of this service does with what a client sends (spec B.14). A text message
 * within the {@link MessageSizeLimit} goes to {@link #received}; a larger one closes the socket
 * with 1009. A binary message is invalid input like any other: ignored, the socket stays open
 * (Spring's {@code TextWebSocketHandler} would close it with 1003). Pings are answered by the
 * container; invalid UTF-8 never gets here, the container closes that socket with 1007. Anything
 * at all, a pong included, shows the client is still there.
 */
abstract class ClientFrames extends AbstractWebSocketHandler {

    protected final Sockets sockets;
    private final MessageSizeLimit limit;

    ClientFrames(Sockets sockets, RealtimeSettings settings) {
        this.sockets = sockets;
        this.limit = MessageSizeLimit.of(settings.maxMessageSize());
    }

    /** A client's text message within the size limit. */
    protected abstract void received(WebSocketSession session, String text);

    @Override
    protected final void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        sockets.heard(session);
        if (!limit.admits(message.getPayload())) {
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(
                    "A message may have at most " + limit.maxBytes() + " bytes."));
            return;
        }
        received(session, message.getPayload());
    }

    @Override
    protected final void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        sockets.heard(session);
    }

    @Override
    protected final void handlePongMessage(WebSocketSession session, PongMessage message) {
        sockets.heard(session);
    }
}
