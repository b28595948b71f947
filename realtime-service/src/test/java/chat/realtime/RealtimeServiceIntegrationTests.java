package chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.RawWebSocket;
import chat.testsupport.SocketFrames;
import chat.testsupport.StandardServiceChecks;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's own delivery rules on the real broker, with neither conversation-service nor
 * message-service reachable: a conversation's participants come from its
 * {@code chat.conversation.created} event (for the handshake) and from each message event (for the
 * user streams). Every frame received is checked against the socket protocol's schemas.
 */
class RealtimeServiceIntegrationTests extends StandardServiceChecks {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicLong CONVERSATIONS = new AtomicLong(8_000_000 + (System.nanoTime() & 0xFFFF) * 16);

    /** Port 1 on the loopback: nothing listens, every call is refused at once. */
    @DynamicPropertySource
    static void unreachablePeers(DynamicPropertyRegistry registry) {
        registry.add("chat.conversation-service.url", () -> "http://127.0.0.1:1");
        registry.add("chat.message-service.url", () -> "http://127.0.0.1:1");
    }

    @Test
    void deliversAMessageEventToTheUserStreamsOfTheParticipantsItNames() throws Exception {
        long conversation = CONVERSATIONS.incrementAndGet();
        try (RawWebSocket alices = open(Users.alice(), "/ws/chat/", null);
                RawWebSocket outsiders = open(Users.outsider(), "/ws/chat/", null)) {
            // never announced here, and conversation-service cannot be asked: only the event says whose it is
            JsonNode frame =
                    untilReceived(alices, () -> publish(messageEvent("chat.message.created", conversation, 1)));

            assertThat(frame.path("type").asString()).isEqualTo("new_message");
            assertThat(frame.path("conversation").asLong()).isEqualTo(conversation);
            assertThat(frame.path("seq").asLong()).isEqualTo(1);
            assertThat(nextFrame(outsiders, Duration.ofMillis(500)))
                    .as("not a participant")
                    .isNull();
        }
    }

    @Test
    void deliversARecordThatArrivesTwiceOnce() throws Exception {
        long conversation = CONVERSATIONS.incrementAndGet();
        try (RawWebSocket socket = joined(Users.alice(), conversation, null)) {
            String first = messageEvent("chat.message.created", conversation, 1);
            untilReceived(socket, () -> publish(first));

            publish(first);
            publish(messageEvent("chat.message.edited", conversation, 2));
            publish(messageEvent("chat.message.edited", conversation, 2));
            publish(messageEvent("chat.message.deleted", conversation, 3));

            assertThat(seqOf(nextFrame(socket))).isEqualTo(2);
            assertThat(seqOf(nextFrame(socket))).isEqualTo(3);
            assertThat(nextFrame(socket, Duration.ofMillis(500))).isNull();
        }
    }

    /**
     * A conversation's events are delivered in the order of its {@code seq}: one older than the
     * last delivered is dropped as already sent, a gap is not waited on (a client that missed
     * something resumes with {@code since_seq}).
     */
    @Test
    void dropsAnEventOlderThanTheLastDeliveredAndDoesNotWaitForAGap() throws Exception {
        long conversation = CONVERSATIONS.incrementAndGet();
        try (RawWebSocket socket = joined(Users.alice(), conversation, null)) {
            untilReceived(socket, () -> publish(messageEvent("chat.message.created", conversation, 1)));

            publish(messageEvent("chat.message.edited", conversation, 3));
            publish(messageEvent("chat.message.read", conversation, 2));
            publish(messageEvent("chat.message.deleted", conversation, 4));

            assertThat(seqOf(nextFrame(socket))).isEqualTo(3);
            assertThat(seqOf(nextFrame(socket))).isEqualTo(4);
            assertThat(nextFrame(socket, Duration.ofMillis(500))).isNull();
        }
    }

    /** Spec B.15: a socket resuming from a seq that cannot be replayed is told to reload, then goes live. */
    @Test
    void tellsAResumingSocketToResyncWhenTheLogCannotBeReadThenDeliversLiveEvents() throws Exception {
        long conversation = CONVERSATIONS.incrementAndGet();
        try (RawWebSocket resumed = joined(Users.bob(), conversation, "since_seq=3")) {
            assertThat(nextFrame(resumed).path("type").asString()).isEqualTo("resync_required");

            JsonNode live =
                    untilReceived(resumed, () -> publish(messageEvent("chat.message.created", conversation, 4)));
            assertThat(live.path("type").asString()).isEqualTo("new_message");
            publish(messageEvent("chat.message.edited", conversation, 3));
            publish(messageEvent("chat.message.edited", conversation, 5));
            assertThat(seqOf(nextFrame(resumed))).isEqualTo(5);
        }
    }

    /**
     * Opens {@code user}'s socket of a new conversation of Alice and Bob, once this instance has
     * heard of it from its {@code chat.conversation.created} event (the handshake asks nobody else).
     */
    private RawWebSocket joined(TestUser user, long conversation, @Nullable String query) throws Exception {
        try (RawWebSocket stream = open(user, "/ws/chat/", null)) {
            JsonNode created = untilReceived(
                    stream,
                    () -> KafkaTopics.publish(
                            Topics.CONVERSATIONS, Long.toString(conversation), created(conversation)));
            assertThat(created.path("type").asString()).isEqualTo("conversation_created");
        }
        return open(user, "/ws/chat/" + conversation + "/", query);
    }

    private static String created(long conversation) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSchemas.example("chat.conversation.created"));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("conversation", conversation);
        data.putArray("participants").add(Users.alice().id()).add(Users.bob().id());
        return JSON.writeValueAsString(event);
    }

    /** The checked-in example of {@code type}, moved to {@code conversation} at {@code seq}, between Alice and Bob. */
    private static String messageEvent(String type, long conversation, long seq) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSchemas.example(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("conversation", conversation);
        data.put("seq", seq);
        data.putArray("participants").add(Users.alice().id()).add(Users.bob().id());
        if (data.path("message").isObject()) {
            ((ObjectNode) data.path("message")).put("conversation", conversation);
        }
        return JSON.writeValueAsString(event);
    }

    private static void publish(String event) throws Exception {
        KafkaTopics.publish(
                Topics.MESSAGES, JSON.readTree(event).path("subject").asString(), event);
    }

    private static long seqOf(JsonNode frame) {
        return frame.path("seq").asLong();
    }

    private static JsonNode untilReceived(RawWebSocket socket, SocketFrames.Action action) throws Exception {
        return SocketFrames.untilReceived(socket, action);
    }

    private static JsonNode nextFrame(RawWebSocket socket) throws InterruptedException {
        return SocketFrames.next(socket, WAIT);
    }

    private static @Nullable JsonNode nextFrame(RawWebSocket socket, Duration wait) throws InterruptedException {
        return SocketFrames.nextOrNone(socket, wait);
    }

    private RawWebSocket open(TestUser user, String path, @Nullable String query) throws Exception {
        String uri = "ws://localhost:" + port + path + "?access_token=" + TestTokens.of(user)
                + (query == null ? "" : "&" + query);
        return RawWebSocket.open(URI.create(uri), Map.of());
    }
}
