package chat.realtime.sockets;

import chat.common.security.ChatCaller;
import chat.realtime.access.Membership;
import chat.realtime.acting.ClientEvents;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A conversation's socket ({@code /ws/chat/{id}/}): joined at the handshake, fed by the live
 * events. Client events are carried out for the socket's user; anything invalid is ignored
 * without a reply and the socket stays open (spec A.5.2, B.14).
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    private final ConversationSockets sockets;
    private final ClientEvents clientEvents;

    ChatSocketHandler(ConversationSockets sockets, ClientEvents clientEvents) {
        this.sockets = sockets;
        this.clientEvents = clientEvents;
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
        ChatCaller caller = (ChatCaller) session.getAttributes().get(Membership.CALLER);
        clientEvents.handle(caller, conversationOf(session), message.getPayload());
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
