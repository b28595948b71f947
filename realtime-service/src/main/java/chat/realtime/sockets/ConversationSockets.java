package chat.realtime.sockets;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The sockets of this instance, by conversation, and what each conversation was last sent: an
 * event whose {@code seq} is not newer than the last one sent is a redelivery and is dropped.
 */
@Component
public class ConversationSockets {

    private static final Logger log = LoggerFactory.getLogger(ConversationSockets.class);

    private final RealtimeSettings settings;
    private final Map<Long, Set<WebSocketSession>> byConversation = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();

    ConversationSockets(RealtimeSettings settings) {
        this.settings = settings;
    }

    /**
     * Joins a socket to its conversation. Sends go through a bounded buffer: a client that stops
     * reading is closed when it fills, and never delays anyone else's deliveries.
     */
    WebSocketSession join(long conversation, WebSocketSession session) {
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) settings.sendTimeLimit().toMillis(),
                (int) settings.sendBufferLimit().toBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        byConversation
                .computeIfAbsent(conversation, id -> ConcurrentHashMap.newKeySet())
                .add(bounded);
        return bounded;
    }

    void leave(long conversation, WebSocketSession session) {
        Set<WebSocketSession> sockets = byConversation.get(conversation);
        if (sockets != null) {
            sockets.removeIf(s -> s.getId().equals(session.getId()));
        }
    }

    /** Sends {@code event} to every socket of {@code conversation} here, unless already sent. */
    public void deliver(long conversation, long seq, String event) {
        boolean[] newer = {false};
        lastSeq.compute(conversation, (id, last) -> {
            newer[0] = last == null || seq > last;
            return newer[0] ? Long.valueOf(seq) : last;
        });
        if (!newer[0]) {
            return;
        }
        for (WebSocketSession socket : byConversation.getOrDefault(conversation, Set.of())) {
            try {
                socket.sendMessage(new TextMessage(event));
            } catch (IOException | RuntimeException slowOrGone) {
                log.debug("Closing socket {}: {}", socket.getId(), slowOrGone.toString());
                try {
                    socket.close(CloseStatus.SESSION_NOT_RELIABLE);
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    /** On shutdown every socket hears 1001 (going away) and may reconnect to another instance. */
    void closeAll() {
        byConversation
                .values()
                .forEach(sockets -> sockets.forEach(socket -> {
                    try {
                        socket.close(CloseStatus.GOING_AWAY);
                    } catch (IOException ignored) {
                        // already gone
                    }
                }));
    }
}
