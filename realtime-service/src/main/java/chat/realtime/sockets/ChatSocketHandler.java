package chat.realtime.sockets;

import chat.realtime.access.Membership;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A conversation's socket ({@code /ws/chat/{id}/}): joined at the handshake, fed by the live
 * events. Client events are ignored without a reply for now, which is also what spec A.5.2 asks
 * for anything invalid; the socket stays open.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    private final ConversationSockets sockets;

    ChatSocketHandler(ConversationSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session.getAttributes().containsKey(Membership.REFUSAL)) {
            session.close(new CloseStatus(Membership.REFUSED, "You may not follow this conversation."));
            return;
        }
        sockets.join(conversationOf(session), session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // chat_message, edit_message, delete_message and typing are not carried out yet
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().containsKey(Membership.CONVERSATION)) {
            sockets.leave(conversationOf(session), session);
        }
    }

    private static long conversationOf(WebSocketSession session) {
        return (Long) session.getAttributes().get(Membership.CONVERSATION);
    }
}
