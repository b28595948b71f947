package chat.realtime.sockets;

import static chat.testsupport.SocketMessages.chatMessage;
import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.RawWebSocket;
import chat.testsupport.RawWebSocket.Frame;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.SocketFrames;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replies to client events on the real service (spec A.5.2, B.18, B.19): a socket opened with
 * {@code ?acks=1} hears {@code ack} or {@code error} for each frame it sends, in order; any other
 * hears nothing back. Every frame received is checked against the WebSocket protocol's schemas,
 * the server events too, fed through the real broker.
 */
@ServiceIntegrationTest
class SocketAcksIntegrationTests {

    static final PeerServices PEERS =
            new PeerServices(List.of(Users.alice().id(), Users.bob().id()));
    static final Duration WAIT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Low, so that the limit is met quickly; only the staff user's test sends that many. */
    static final int LIMIT = 30;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("chat.conversation-service.url", PEERS::uri);
        registry.add("chat.message-service.url", PEERS::uri);
        registry.add("chat.realtime.client-events.limit", () -> LIMIT);
        registry.add("chat.realtime.client-events.period", () -> "1h");
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @BeforeEach
    void forgetEarlierSends() {
        PEERS.forgetSent();
    }

    @LocalServerPort
    int port;

    @Test
    void acknowledgesAChatMessageWithTheStoredMessageAndItsClientId() throws Exception {
        try (RawWebSocket socket = open(Users.alice(), "/ws/chat/7/", "acks=1")) {
            socket.sendText("{\"type\": \"chat_message\", \"content\": \"hello\", \"client_id\": \"c-ack-1\"}");
            JsonNode ack = nextFrame(socket);
            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(ack.path("event").asString()).isEqualTo("chat_message");
            assertThat(ack.path("client_id").asString()).isEqualTo("c-ack-1");
            long stored = ack.path("message_id").asLong();
            assertThat(stored).isPositive();

            // a retry stores nothing new: the ack names the first message
            socket.sendText("{\"type\": \"chat_message\", \"content\": \"hello\", \"client_id\": \"c-ack-1\"}");
            assertThat(nextFrame(socket).path("message_id").asLong()).isEqualTo(stored);

            socket.sendText(chatMessage("no client id"));
            JsonNode plain = nextFrame(socket);
            assertThat(plain.path("message_id").asLong()).isGreaterThan(stored);
            assertThat(plain.has("client_id")).isFalse();
        }
    }

    @Test
    void acknowledgesEditsDeletesAndTypingNamingTheEvent() throws Exception {
        try (RawWebSocket socket = open(Users.alice(), "/ws/chat/7/", "acks=1")) {
            socket.sendText("{\"type\": \"edit_message\", \"message_id\": 55, \"content\": \"better\"}");
            socket.sendText("{\"type\": \"delete_message\", \"message_id\": 56}");
            socket.sendText("{\"type\": \"typing\", \"is_typing\": true}");

            assertThat(nextFrame(socket))
                    .isEqualTo(JSON.readTree("{\"type\":\"ack\",\"event\":\"edit_message\",\"message_id\":55}"));
            assertThat(nextFrame(socket))
                    .isEqualTo(JSON.readTree("{\"type\":\"ack\",\"event\":\"delete_message\",\"message_id\":56}"));
            assertThat(nextFrame(socket)).isEqualTo(JSON.readTree("{\"type\":\"ack\",\"event\":\"typing\"}"));
        }
    }

    @Test
    void answersEveryRefusalWithItsCodeInTheOrderSent() throws Exception {
        PEERS.refuseChanges(101, 403, "Only the sender may edit this message.");
        PEERS.refuseChanges(102, 404, null);
        PEERS.refuseChanges(103, 400, "Content must not be blank.");
        try (RawWebSocket socket = open(Users.bob(), "/ws/chat/7/", "acks=1")) {
            socket.sendText("this is not json");
            socket.sendText("[1, 2]");
            socket.sendText("{\"type\": \"no_such_event\"}");
            socket.sendText("{\"content\": \"no type\"}");
            socket.send(RawWebSocket.BINARY, true, "{\"type\": \"typing\"}".getBytes(StandardCharsets.UTF_8));
            socket.sendText("{\"type\": \"edit_message\", \"message_id\": \"101\", \"content\": \"x\"}");
            socket.sendText("{\"type\": \"chat_message\", \"content\": 5, \"client_id\": \"c-bad\"}");
            socket.sendText("{\"type\": \"chat_message\", \"content\": \"x\", \"client_id\": 5}");
            socket.sendText("{\"type\": \"typing\", \"is_typing\": \"yes\"}");
            socket.sendText("{\"type\": \"edit_message\", \"message_id\": 101, \"content\": \"hijacked\"}");
            socket.sendText("{\"type\": \"delete_message\", \"message_id\": 102}");
            socket.sendText("{\"type\": \"edit_message\", \"message_id\": 103, \"content\": \" \"}");

            List<String> codes = new ArrayList<>();
            List<JsonNode> errors = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                JsonNode error = nextFrame(socket);
                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("detail").asString()).isNotBlank();
                codes.add(error.path("code").asString());
                errors.add(error);
            }
            assertThat(codes)
                    .containsExactly(
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "invalid",
                            "forbidden",
                            "not_found",
                            "invalid");
            assertThat(errors.get(6).path("client_id").asString()).isEqualTo("c-bad");
            assertThat(errors.get(9))
                    .isEqualTo(JSON.readTree("{\"type\":\"error\",\"code\":\"forbidden\","
                            + "\"detail\":\"Only the sender may edit this message.\","
                            + "\"event\":\"edit_message\",\"message_id\":101}"));
            assertThat(errors.get(10).path("detail").asString()).isEqualTo("No such message in this conversation.");
            assertThat(errors.get(11).path("detail").asString()).isEqualTo("Content must not be blank.");
            assertThat(PEERS.nextSent(Duration.ofMillis(200)))
                    .as("nothing invalid was sent")
                    .isNull();
        }
    }

    @Test
    void saysAnEventMayBeSentAgainWhenMessageServiceFails() throws Exception {
        try (RawWebSocket socket = open(Users.bob(), "/ws/chat/7/", "acks=1")) {
            PEERS.refuseSends(503);
            socket.sendText("{\"type\": \"chat_message\", \"content\": \"later\", \"client_id\": \"c-503\"}");
            JsonNode error = nextFrame(socket);
            PEERS.refuseSends(null);
            assertThat(error.path("code").asString()).isEqualTo("unavailable");
            assertThat(error.path("client_id").asString()).isEqualTo("c-503");

            socket.sendText("{\"type\": \"chat_message\", \"content\": \"later\", \"client_id\": \"c-503\"}");
            assertThat(nextFrame(socket).path("type").asString()).isEqualTo("ack");
        }
    }

    /** Spec A.5.2: the same refusals, on a socket that did not ask for acks, go unanswered. */
    @Test
    void staysSilentOnRefusalsWithoutAcks() throws Exception {
        PEERS.refuseChanges(201, 403, "Only the sender may edit this message.");
        try (RawWebSocket silent = open(Users.bob(), "/ws/chat/7/", null);
                RawWebSocket other = open(Users.alice(), "/ws/chat/7/", "acks=0")) {
            for (RawWebSocket socket : List.of(silent, other)) {
                socket.sendText("this is not json");
                socket.send(RawWebSocket.BINARY, true, new byte[] {1, 2, 3});
                socket.sendText("{\"type\": \"edit_message\", \"message_id\": 201, \"content\": \"hijacked\"}");
                socket.sendText("{\"type\": \"chat_message\", \"content\": \"carried out, unanswered\"}");
            }
            assertThat(PEERS.nextSent(WAIT)).isNotNull();
            assertThat(PEERS.nextSent(WAIT)).isNotNull();
            // what comes next on each socket is a ping's pong: nothing was queued before it
            for (RawWebSocket socket : List.of(silent, other)) {
                socket.send(RawWebSocket.PING, true, "after".getBytes(StandardCharsets.UTF_8));
                Frame answer = socket.next(WAIT);
                assertThat(answer).isNotNull();
                assertThat(answer.opcode()).isEqualTo(RawWebSocket.PONG);
                assertThat(socket.next(Duration.ofMillis(300))).isNull();
            }
        }
    }

    @Test
    void theUserStreamRefusesEveryClientEventWithAcks() throws Exception {
        try (RawWebSocket stream = open(Users.alice(), "/ws/chat/", "acks=1")) {
            stream.sendText(chatMessage("on the stream"));
            JsonNode error = nextFrame(stream);
            assertThat(error.path("code").asString()).isEqualTo("invalid");
            assertThat(error.path("detail").asString()).contains("/ws/chat/{id}/");
        }
        assertThat(PEERS.nextSent(Duration.ofMillis(200))).isNull();
    }

    /** Spec B.18: the staff user's allowance, over every socket of theirs; only they send this many. */
    @Test
    void dropsEventsOverTheUsersLimitSayingSoOnlyWithAcks() throws Exception {
        TestUser admin = Users.admin();
        try (RawWebSocket acked = open(admin, "/ws/chat/7/", "acks=1");
                RawWebSocket silent = open(admin, "/ws/chat/8/", null)) {
            for (int i = 0; i < LIMIT; i++) {
                acked.sendText("{\"type\": \"delete_message\", \"message_id\": " + (300 + i) + "}");
            }
            for (int i = 0; i < LIMIT; i++) {
                assertThat(nextFrame(acked).path("type").asString())
                        .as("event %d", i)
                        .isEqualTo("ack");
            }
            acked.sendText("{\"type\": \"chat_message\", \"content\": \"one too many\", \"client_id\": \"c-over\"}");
            JsonNode refused = nextFrame(acked);
            assertThat(refused.path("code").asString()).isEqualTo("rate_limited");
            assertThat(refused.path("event").asString()).isEqualTo("chat_message");
            assertThat(refused.path("client_id").asString()).isEqualTo("c-over");
            assertThat(refused.path("detail").asString()).contains("at most 30 every 3600 s");

            silent.sendText(chatMessage("dropped silently"));
            silent.send(RawWebSocket.PING, true, new byte[0]);
            assertThat(silent.next(WAIT).opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(PEERS.nextSent(Duration.ofMillis(300))).isNull();
        }
    }

    /**
     * Every kind of server event, made by the service from the events on the broker, matches the
     * protocol: on the conversation's socket and on the user's stream alike.
     */
    @Test
    void sendsServerEventsThatMatchTheProtocol() throws Exception {
        long conversation = 9_000_000 + (System.nanoTime() & 0xFFFF);
        String key = Long.toString(conversation);
        try (RawWebSocket socket = open(Users.alice(), "/ws/chat/" + conversation + "/", null);
                RawWebSocket stream = open(Users.alice(), "/ws/chat/", null);
                RawWebSocket bobs = open(Users.bob(), "/ws/chat/" + conversation + "/", null)) {
            // the listeners join their topics at the latest offset, perhaps after the first try
            JsonNode created = untilReceived(
                    stream,
                    "conversation_created",
                    () -> KafkaTopics.publish(
                            "chat.conversation.v1", key, event("chat.conversation.created", conversation, 0, data -> {
                                data.putArray("participants")
                                        .add(Users.alice().id())
                                        .add(Users.bob().id());
                            })));
            assertThat(created.path("conversation").asLong()).isEqualTo(conversation);

            untilReceived(
                    socket,
                    "new_message",
                    () -> KafkaTopics.publish("chat.message.v1", key, event("chat.message.created", conversation, 1)));
            KafkaTopics.publish("chat.message.v1", key, event("chat.message.edited", conversation, 2));
            KafkaTopics.publish("chat.message.v1", key, event("chat.message.read", conversation, 3));
            KafkaTopics.publish("chat.message.v1", key, event("chat.message.attachment_added", conversation, 4));
            KafkaTopics.publish("chat.message.v1", key, event("chat.message.deleted", conversation, 5));
            List<String> expected = List.of("message_edited", "message_read", "attachment_added", "message_deleted");
            for (String type : expected) {
                JsonNode frame = nextFrame(socket);
                assertThat(frame.path("type").asString()).isEqualTo(type);
                assertThat(frame.path("conversation").asLong()).isEqualTo(conversation);
            }
            List<String> onTheStream = new ArrayList<>();
            while (onTheStream.size() < 5) {
                onTheStream.add(nextFrame(stream).path("type").asString());
            }
            assertThat(onTheStream)
                    .containsExactly(
                            "new_message", "message_edited", "message_read", "attachment_added", "message_deleted");

            JsonNode typing = untilReceived(
                    socket, "user_typing", () -> bobs.sendText("{\"type\": \"typing\", \"is_typing\": true}"));
            assertThat(typing.path("user").path("id").asLong())
                    .isEqualTo(Users.bob().id());
        }
        // the event log does not have what a resuming socket missed
        try (RawWebSocket resumed = open(Users.alice(), "/ws/chat/" + conversation + "/", "since_seq=0")) {
            assertThat(nextFrame(resumed)).isEqualTo(JSON.readTree("{\"type\":\"resync_required\"}"));
        }
    }

    /** The checked-in example of {@code type}, moved to {@code conversation} at {@code seq}, between Alice and Bob. */
    private static String event(String type, long conversation, long seq) {
        return event(type, conversation, seq, data -> {});
    }

    private static String event(String type, long conversation, long seq, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSchemas.example(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("conversation", conversation);
        if (seq > 0) {
            data.put("seq", seq);
        }
        if (data.path("message").isObject()) {
            ((ObjectNode) data.path("message")).put("conversation", conversation);
        }
        // the conversation of Alice and Bob, as message events name it
        data.putArray("participants").add(Users.alice().id()).add(Users.bob().id());
        change.accept(data);
        return JSON.writeValueAsString(event);
    }

    /** Does {@code action} until {@code socket} receives a frame, which must be of {@code type}. */
    private static JsonNode untilReceived(RawWebSocket socket, String type, SocketFrames.Action action)
            throws Exception {
        JsonNode frame = SocketFrames.untilReceived(socket, action);
        assertThat(frame.path("type").asString()).isEqualTo(type);
        return frame;
    }

    private static JsonNode nextFrame(RawWebSocket socket) throws InterruptedException {
        return SocketFrames.next(socket, WAIT);
    }

    private RawWebSocket open(TestUser user, String path, @Nullable String query) throws Exception {
        String uri = "ws://localhost:" + port + path + "?access_token=" + TestTokens.of(user)
                + (query == null ? "" : "&" + query);
        return RawWebSocket.open(URI.create(uri), Map.of());
    }
}
