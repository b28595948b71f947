package chat.realtime.sockets;

import chat.common.security.ChatCaller;
import chat.realtime.access.Membership;
import chat.realtime.acting.ClientEvents;
import chat.realtime.acting.Outcome;
import chat.realtime.delivery.RealtimeSettings;
import chat.realtime.delivery.Sockets;
import chat.realtime.delivery.Subscriber;
import chat.realtime.frames.ResyncRequired;
import chat.realtime.live.EventReplay;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * A conversation's socket ({@code /ws/chat/{id}/}): joined at the handshake, fed by the live
 * events. Client events are carried out for the socket's user; anything invalid is not, and the
 * socket stays open; only a socket opened with {@code ?acks=1} is told so (spec A.5.2, B.14,
 * B.19; frames and replies: {@link ClientFrames}).
 */
@Component
class ChatSocketHandler extends ClientFrames {

    private final ClientEvents clientEvents;
    private final EventReplay replay;
    private final JsonMapper json;

    ChatSocketHandler(
            Sockets sockets,
            RealtimeSettings settings,
            JsonMapper json,
            ClientEvents clientEvents,
            EventReplay replay) {
        super(sockets, settings, json);
        this.clientEvents = clientEvents;
        this.replay = replay;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session.getAttributes().containsKey(Membership.REFUSAL)) {
            session.close(new CloseStatus(Membership.REFUSED, "You may not follow this conversation."));
            return;
        }
        long conversation = conversationOf(session);
        Long sinceSeq = sinceSeq(session);
        ChatCaller caller = (ChatCaller) session.getAttributes().get(Membership.CALLER);
        Subscriber subscriber =
                sockets.join(conversation, caller.userId(), session, sinceSeq == null ? 0 : sinceSeq, sinceSeq != null);
        if (sinceSeq != null) {
            // joined first, so that nothing published during the replay is missed
            replay.after(conversation, sinceSeq)
                    .ifPresentOrElse(
                            subscriber::caughtUp,
                            () -> subscriber.resyncRequired(json.writeValueAsString(new ResyncRequired())));
        }
    }

    /** {@code ?since_seq=N} (spec B.15); anything but a non-negative integer means no resume. */
    private static @Nullable Long sinceSeq(WebSocketSession session) {
        String value = queryParameter(session, "since_seq");
        if (value == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(value);
            return seq >= 0 ? seq : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    @Override
    protected Outcome received(WebSocketSession session, String text) {
        ChatCaller caller = (ChatCaller) session.getAttributes().get(Membership.CALLER);
        return clientEvents.handle(caller, conversationOf(session), text);
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
