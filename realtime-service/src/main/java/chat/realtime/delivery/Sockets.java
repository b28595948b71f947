package chat.realtime.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The sockets of this instance: conversation sockets by conversation, user streams
 * ({@code /ws/chat/}) by user, and the last {@code seq} each conversation was sent
 * ({@link DeliveredSeqs}), so that an event that is not newer (a redelivery) is dropped. Every
 * socket is pinged on a schedule and closed when it stops answering.
 */
@Component
public class Sockets {

    private static final Logger log = LoggerFactory.getLogger(Sockets.class);
    private static final String OUTBOUND = "chat.outbound";

    /**
     * How many conversations' last {@code seq} are remembered: enough for every conversation with
     * live traffic; a redelivery older than that is rarer than the memory it would take.
     */
    static final int REMEMBERED_CONVERSATIONS = 100_000;

    private final RealtimeSettings settings;
    private final ConversationParticipants conversations;
    private final SocketMetrics metrics;
    private final Map<Long, Set<Subscriber>> byConversation = new ConcurrentHashMap<>();
    private final Map<Long, Set<Outbound>> streamsByUser = new ConcurrentHashMap<>();
    private final DeliveredSeqs delivered = new DeliveredSeqs(REMEMBERED_CONVERSATIONS);
    private final Clock clock;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("socket-keepalive").daemon().factory());

    @Autowired
    Sockets(
            RealtimeSettings settings,
            ConversationParticipants conversations,
            SocketMetrics metrics,
            MeterRegistry registry) {
        this(settings, conversations, metrics, registry, Clock.systemUTC());
    }

    Sockets(
            RealtimeSettings settings,
            ConversationParticipants conversations,
            SocketMetrics metrics,
            MeterRegistry registry,
            Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.conversations = conversations;
        this.metrics = metrics;
        Gauge.builder("chat.sockets.open", byConversation, Sockets::count)
                .description("Open sockets on this instance")
                .tag("stream", SocketMetrics.Stream.CONVERSATION.tag())
                .register(registry);
        Gauge.builder("chat.sockets.open", streamsByUser, Sockets::count)
                .description("Open sockets on this instance")
                .tag("stream", SocketMetrics.Stream.USER.tag())
                .register(registry);
        long every = settings.pingInterval().toMillis();
        keepAlive.scheduleAtFixedRate(this::pingAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Joins a socket to its conversation. A socket that resumes from {@code sinceSeq} starts
     * holding live events back until it has caught up.
     */
    public Subscriber join(long conversation, long userId, WebSocketSession session, long sinceSeq, boolean resuming) {
        Subscriber subscriber =
                new Subscriber(outboundFor(session, SocketMetrics.Stream.CONVERSATION), userId, sinceSeq, resuming);
        // added inside compute: leave() drops a set that became empty, never one being joined
        byConversation.compute(conversation, (id, subscribers) -> with(subscribers, subscriber));
        return subscriber;
    }

    /** Joins a user's own stream, which hears every conversation of theirs. */
    public void joinStream(long userId, WebSocketSession session) {
        Outbound out = outboundFor(session, SocketMetrics.Stream.USER);
        streamsByUser.compute(userId, (id, streams) -> with(streams, out));
    }

    private static <T> Set<T> with(@Nullable Set<T> set, T element) {
        Set<T> result = set == null ? ConcurrentHashMap.newKeySet() : set;
        result.add(element);
        return result;
    }

    private static double count(Map<Long, ? extends Set<?>> sockets) {
        return sockets.values().stream().mapToInt(Set::size).sum();
    }

    private Outbound outboundFor(WebSocketSession session, SocketMetrics.Stream stream) {
        Outbound out = new Outbound(session, stream, settings, metrics, clock);
        session.getAttributes().put(OUTBOUND, out);
        return out;
    }

    public void leave(long conversation, WebSocketSession session) {
        Object out = session.getAttributes().get(OUTBOUND);
        byConversation.computeIfPresent(conversation, (id, subscribers) -> {
            subscribers.removeIf(s -> s.out() == out);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    public void leaveStream(long userId, WebSocketSession session) {
        Object out = session.getAttributes().get(OUTBOUND);
        streamsByUser.computeIfPresent(userId, (id, streams) -> {
            streams.remove(out);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** Anything from the client, a pong included, shows it is still there. */
    public void heard(WebSocketSession session) {
        if (session.getAttributes().get(OUTBOUND) instanceof Outbound out) {
            out.heard();
        }
    }

    /**
     * A reply to what the client sent ({@code ack}, {@code error}): straight to its socket, even
     * while a resuming socket still holds live events back, since it is no event of the
     * conversation and has no {@code seq}.
     */
    public void reply(WebSocketSession session, String text) {
        if (session.getAttributes().get(OUTBOUND) instanceof Outbound out) {
            out.sendReply(text);
        }
    }

    /**
     * Sends {@code event} to every socket of its conversation here, and to the user streams of
     * its participants, unless it was already sent; answers to how many sockets.
     */
    public int deliver(ServerEvent event) {
        if (!delivered.advance(event.conversation(), event.seq())) {
            return 0;
        }
        Set<Subscriber> subscribers = byConversation.getOrDefault(event.conversation(), Set.of());
        subscribers.forEach(s -> s.offer(event));
        List<Outbound> streams = streamsOf(event).toList();
        streams.forEach(out -> out.sendEvent(event.text(), event.createdAtMillis()));
        return subscribers.size() + streams.size();
    }

    /** Sends an ephemeral event to the conversation's sockets and streams here, but {@code exceptUser}'s. */
    public void deliverToOthers(long conversation, long exceptUser, String text) {
        byConversation.getOrDefault(conversation, Set.of()).stream()
                .filter(s -> s.userId() != exceptUser)
                .forEach(s -> s.offerEphemeral(text));
        participantsOf(conversation).stream()
                .filter(user -> user != exceptUser)
                .flatMap(user -> streamsByUser.getOrDefault(user, Set.of()).stream())
                .forEach(out -> out.sendText(text));
    }

    /** Sends an event to the user streams of {@code users} here. */
    public void deliverToStreams(Collection<Long> users, String text) {
        users.stream()
                .distinct()
                .flatMap(user -> streamsByUser.getOrDefault(user, Set.of()).stream())
                .forEach(out -> out.sendText(text));
    }

    /**
     * The user streams of the event's participants, as the event names them: no call on the
     * thread that feeds every socket. Only an event written before message events carried their
     * participants has them looked up, from memory or conversation-service.
     */
    private Stream<Outbound> streamsOf(ServerEvent event) {
        if (streamsByUser.isEmpty()) {
            return Stream.empty();
        }
        List<Long> participants =
                event.participants().isEmpty() ? participantsOf(event.conversation()) : event.participants();
        return participants.stream().flatMap(user -> streamsByUser.getOrDefault(user, Set.of()).stream());
    }

    /** Looked up only while someone here follows a user stream; answers are kept in memory. */
    private List<Long> participantsOf(long conversation) {
        if (streamsByUser.isEmpty()) {
            return List.of();
        }
        try {
            return conversations.participants(conversation).orElse(List.of());
        } catch (RestClientException unavailable) {
            log.warn(
                    "User streams miss an event of conversation {}: its participants are unknown ({})",
                    conversation,
                    unavailable.toString());
            return List.of();
        }
    }

    private Stream<Outbound> everyOutbound() {
        return Stream.concat(
                byConversation.values().stream().flatMap(Set::stream).map(Subscriber::out),
                streamsByUser.values().stream().flatMap(Set::stream));
    }

    /**
     * Pings every socket; one that answered nothing for three intervals is gone without a close
     * (a dropped network, a sleeping laptop) and is closed here, freeing what it held.
     */
    private void pingAll() {
        try {
            everyOutbound().forEach(out -> {
                if (out.silentFor(settings.pingInterval().multipliedBy(3))) {
                    out.close(CloseStatus.SESSION_NOT_RELIABLE);
                } else {
                    out.ping();
                }
            });
        } catch (RuntimeException unexpected) {
            // the schedule must survive anything one socket does
            log.warn("Keep-alive round failed", unexpected);
        }
    }

    /** On shutdown every socket hears 1001 (going away) and may reconnect to another instance. */
    public void closeAll() {
        keepAlive.shutdownNow();
        everyOutbound().toList().forEach(out -> out.closeAndWait(CloseStatus.GOING_AWAY));
    }
}
