package chat.realtime.sockets;

import chat.realtime.live.ServerEvents.ServerEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The sockets of this instance, by conversation, and the last {@code seq} each conversation was
 * sent: an event that is not newer is a redelivery and is dropped.
 */
@Component
public class ConversationSockets {

    private final RealtimeSettings settings;
    private final Map<Long, Set<Subscriber>> byConversation = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();

    ConversationSockets(RealtimeSettings settings) {
        this.settings = settings;
    }

    /**
     * Joins a socket to its conversation. Sends go through a bounded buffer: a client that stops
     * reading is closed when it fills, and never delays anyone else's deliveries. A socket that
     * resumes from {@code sinceSeq} starts holding live events back until it has caught up.
     */
    Subscriber join(long conversation, long userId, WebSocketSession session, long sinceSeq, boolean resuming) {
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) settings.sendTimeLimit().toMillis(),
                (int) settings.sendBufferLimit().toBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Subscriber subscriber = new Subscriber(bounded, userId, sinceSeq, resuming);
        byConversation
                .computeIfAbsent(conversation, id -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        return subscriber;
    }

    void leave(long conversation, WebSocketSession session) {
        Set<Subscriber> subscribers = byConversation.get(conversation);
        if (subscribers != null) {
            subscribers.removeIf(s -> s.socket().getId().equals(session.getId()));
        }
    }

    /** Sends {@code event} to every socket of its conversation here, unless already sent. */
    public void deliver(ServerEvent event) {
        boolean[] newer = {false};
        lastSeq.compute(event.conversation(), (id, last) -> {
            newer[0] = last == null || event.seq() > last;
            return newer[0] ? Long.valueOf(event.seq()) : last;
        });
        if (newer[0]) {
            byConversation.getOrDefault(event.conversation(), Set.of()).forEach(s -> s.offer(event));
        }
    }

    /** Sends an ephemeral event to the conversation's sockets here, but for {@code exceptUser}'s. */
    public void deliverToOthers(long conversation, long exceptUser, String text) {
        byConversation.getOrDefault(conversation, Set.of()).stream()
                .filter(s -> s.userId() != exceptUser)
                .forEach(s -> s.offerEphemeral(text));
    }

    /** On shutdown every socket hears 1001 (going away) and may reconnect to another instance. */
    void closeAll() {
        byConversation
                .values()
                .forEach(subscribers -> subscribers.forEach(s -> {
                    try {
                        s.socket().close(CloseStatus.GOING_AWAY);
                    } catch (IOException ignored) {
                        // already gone
                    }
                }));
    }
}
