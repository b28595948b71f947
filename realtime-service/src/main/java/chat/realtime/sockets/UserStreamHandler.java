package chat.realtime.sockets;

import chat.common.security.ChatCaller;
import chat.realtime.access.Membership;
import chat.realtime.acting.Outcome;
import chat.realtime.delivery.RealtimeSettings;
import chat.realtime.delivery.Sockets;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's own stream ({@code /ws/chat/}, spec B.15): the events of all their conversations, each
 * naming its {@code conversation}, and {@code conversation_created} when someone starts one with
 * them. It only listens: client events belong on a conversation's socket, so anything sent here
 * is refused (an {@code invalid} error on a stream opened with {@code ?acks=1}). It has no {@code since_seq}: after a reconnect the client reloads the conversation
 * list, or resumes each open conversation's own socket.
 */
@Component
class UserStreamHandler extends ClientFrames {

    UserStreamHandler(Sockets sockets, RealtimeSettings settings, JsonMapper json) {
        super(sockets, settings, json);
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
    protected Outcome received(WebSocketSession session, String text) {
        return Outcome.invalid(
                "The user stream only listens: send events on the conversation's socket, /ws/chat/{id}/.");
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
