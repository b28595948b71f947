package chat.realtime.sockets;

import chat.common.security.ChatCaller;
import chat.realtime.access.Membership;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * A user's own stream ({@code /ws/chat/}, spec B.15): the events of all their conversations, each
 * naming its {@code conversation}, and {@code conversation_created} when someone starts one with
 * them. It only listens: client events belong on a conversation's socket, so anything sent here
 * is ignored. It has no {@code since_seq}: after a reconnect the client reloads the conversation
 * list, or resumes each open conversation's own socket.
 */
@Component
class UserStreamHandler extends ClientFrames {

    UserStreamHandler(Sockets sockets, RealtimeSettings settings) {
        super(sockets, settings);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session.getAttributes().containsKey(Membership.REFUSAL)) {
            session.close(new CloseStatus(Membership.REFUSED, "Only users have a stream."));
            return;
        }
        sockets.joinStream(callerOf(session).userId(), session);
    }

    @Override
    protected void received(WebSocketSession session, String text) {
        // the stream only listens
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().containsKey(Membership.CALLER)) {
            sockets.leaveStream(callerOf(session).userId(), session);
        }
    }

    private static ChatCaller callerOf(WebSocketSession session) {
        return (ChatCaller) session.getAttributes().get(Membership.CALLER);
    }
}
