package chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.Topics;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events written through by the services that commit them (ADR 0009): applied before the push
 * answers, in seq order with Kafka's copies, each once.
 *
 * <p>A pushed event that overtook others makes this service read message-service's event log.
 * Starting a real message-service inside this service's test is impractical (the system tests run
 * the two together), so the log here is a real HTTP server started by the test that answers
 * {@code GET /internal/conversations/{id}/events?after_seq=N} with recorded log JSON, in the shape
 * message-service's {@code EventLogController} serves.
 */
@ServiceIntegrationTest
class PushedEventsIntegrationTests {

    static final RecordedEventLog LOG = new RecordedEventLog();

    @DynamicPropertySource
    static void messageService(DynamicPropertyRegistry registry) {
        registry.add("chat.message-service.url", LOG::uri);
    }

    @AfterAll
    static void stopLog() {
        LOG.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final ServiceCalls api = ServiceCalls.onPort(() -> port);
    final JsonMapper json = JsonMapper.builder().build();
    final String service = TestTokens.service("message-service");

    @Test
    void showsAPushedMessageInTheVeryNextRead() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        long conversation = conversationOf(alice, bob);
        long message = messageId();

        assertThat(push(Topics.MESSAGES, created(conversation, message, alice, bob, 1))
                        .status())
                .isEqualTo(204);

        JsonNode forAlice = conversationFor(conversation, alice);
        assertThat(forAlice.path("last_message").path("id").asLong()).isEqualTo(message);
        assertThat(conversationFor(conversation, bob).path("unread_count").asLong())
                .isEqualTo(1);

        assertThat(push(Topics.MESSAGES, readUpTo(conversation, bob, message, 2))
                        .status())
                .isEqualTo(204);
        assertThat(conversationFor(conversation, bob).path("unread_count").asLong())
                .isZero();
        assertThat(appliedSeq(conversation)).isEqualTo(2);

        // attachment_added changes no preview (attachments come from their own topic) but takes a seq
        ObjectNode announced = (ObjectNode) json.readTree(EventSchemas.example("chat.message.attachment_added"));
        announced.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) announced.path("data"))
                .put("seq", 3)
                .put("conversation", conversation)
                .put("message", message);
        assertThat(push(Topics.MESSAGES, json.writeValueAsString(announced)).status())
                .isEqualTo(204);
        assertThat(appliedSeq(conversation)).isEqualTo(3);
        assertThat(push(Topics.MESSAGES, changed("chat.message.edited", conversation, message, alice, bob, 4, "again"))
                        .status())
                .isEqualTo(204);
        assertThat(conversationFor(conversation, alice)
                        .path("last_message")
                        .path("content")
                        .asString())
                .isEqualTo("again");
    }

    @Test
    void appliesAnEventOnceWhenKafkaBringsItAfterItsPush() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        long conversation = conversationOf(alice, bob);
        long message = messageId();
        String first = created(conversation, message, alice, bob, 1);
        String edit = changed("chat.message.edited", conversation, message, alice, bob, 2, "pushed");
        push(Topics.MESSAGES, first, edit);

        // Kafka's copies: the same events, the edit's copy tampered with so that applying it a
        // second time would show; then one more event, to know when Kafka has passed them.
        ObjectNode secondCopy = (ObjectNode) json.readTree(edit);
        ((ObjectNode) secondCopy.path("data").path("message")).put("content", "applied twice");
        publish(first);
        publish(json.writeValueAsString(secondCopy));
        publish(readUpTo(conversation, bob, message, 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedSeq(conversation) == 3);

        JsonNode forBob = conversationFor(conversation, bob);
        assertThat(forBob.path("last_message").path("id").asLong()).isEqualTo(message);
        assertThat(forBob.path("last_message").path("content").asString()).isEqualTo("pushed");
        assertThat(forBob.path("unread_count").asLong()).isZero();
        assertThat(jdbc.sql("select count(*) from conversation_message where conversation_id = ?")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void readsTheEventsAPushOvertookFromMessageServicesLogAndAppliesThemFirst() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        long conversation = conversationOf(alice, bob);
        long first = messageId();
        long second = messageId();
        push(Topics.MESSAGES, created(conversation, first, alice, bob, 1));
        String missed = created(conversation, second, bob, alice, 2);
        String pushed = changed("chat.message.deleted", conversation, second, bob, alice, 3, "");
        LOG.record(conversation, 3, missed, pushed);

        assertThat(push(Topics.MESSAGES, pushed).status()).isEqualTo(204);

        assertThat(LOG.requests).contains("/internal/conversations/" + conversation + "/events?after_seq=1");
        assertThat(LOG.authorizations).allMatch(header -> header.startsWith("Bearer "));
        JsonNode forAlice = conversationFor(conversation, alice);
        assertThat(forAlice.path("last_message").path("id").asLong()).isEqualTo(second);
        assertThat(forAlice.path("last_message").path("is_deleted").asBoolean()).isTrue();
        assertThat(appliedSeq(conversation)).isEqualTo(3);
    }

    @Test
    void leavesAPushThatOvertookOthersToKafkaWhenTheLogCannotBeRead() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        long conversation = conversationOf(alice, bob);
        long first = messageId();
        long second = messageId();
        String one = created(conversation, first, alice, bob, 1);
        String two = created(conversation, second, alice, bob, 2);
        String three = changed("chat.message.edited", conversation, second, alice, bob, 3, "edited");
        push(Topics.MESSAGES, one);

        // nothing recorded for this conversation: the log answers 503
        assertThat(push(Topics.MESSAGES, three).status()).isEqualTo(204);
        assertThat(appliedSeq(conversation)).isEqualTo(1);
        assertThat(conversationFor(conversation, alice)
                        .path("last_message")
                        .path("id")
                        .asLong())
                .isEqualTo(first);

        publish(one);
        publish(two);
        publish(three);
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedSeq(conversation) == 3);
        JsonNode last = conversationFor(conversation, alice).path("last_message");
        assertThat(last.path("id").asLong()).isEqualTo(second);
        assertThat(last.path("content").asString()).isEqualTo("edited");
    }

    @Test
    void showsAPushedAttachmentOnceWhateverRacesIt() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        long conversation = conversationOf(alice, bob);
        long message = messageId();
        push(Topics.MESSAGES, created(conversation, message, alice, bob, 1));
        ObjectNode attachment = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        attachment.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) attachment.path("data")).put("conversation", conversation).put("message", message);
        ((ObjectNode) attachment.path("data").path("attachment"))
                .put("id", message)
                .put("message", message)
                .put("object_key", "m/" + message + "/file");
        String event = json.writeValueAsString(attachment);
        EventSchemas.assertMatchesSchema(event);

        assertThat(push(Topics.ATTACHMENTS, event).status()).isEqualTo(204);
        assertThat(conversationFor(conversation, alice)
                        .path("last_message")
                        .path("attachments")
                        .findValuesAsString("file"))
                .singleElement()
                .asString()
                .contains("m/" + message + "/file");

        // the same event pushed again from many threads at once while Kafka brings it too
        KafkaTopics.publish(Topics.ATTACHMENTS, Long.toString(conversation), event);
        List<Callable<Integer>> pushes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pushes.add(() -> push(Topics.ATTACHMENTS, event).status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(pushes)) {
                assertThat(status.get()).isEqualTo(204);
            }
        }
        assertThat(jdbc.sql("select count(*) from conversation_attachment where message_id = ?")
                        .param(message)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = cast(? as uuid)")
                        .param(attachment.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void takesPushesFromOtherServicesOnlyAndSaysWhatIsWrongWithABadOne() throws Exception {
        String event = created(conversationOf(user("a"), user("b")), messageId(), user("a"), user("b"), 1);
        assertThat(pushAs(null, Topics.MESSAGES, event).status()).isEqualTo(401);
        assertThat(pushAs(TestTokens.of(Users.alice()), Topics.MESSAGES, event).status())
                .isEqualTo(403);

        Reply notAnArray = post("/internal/events/" + Topics.MESSAGES, event, service);
        assertThat(notAnArray.status()).isEqualTo(400);
        assertThat(notAnArray.body().path("detail").asString()).contains("array");
        Reply withoutId = post("/internal/events/" + Topics.MESSAGES, "[{\"type\": \"x\"}]", service);
        assertThat(withoutId.status()).isEqualTo(400);
        assertThat(withoutId.body().path("detail").asString()).contains("id");
        Reply otherTopic = post("/internal/events/chat.typing.v1", "[]", service);
        assertThat(otherTopic.status()).isEqualTo(404);
        assertThat(otherTopic.body().path("detail").asString()).contains("chat.typing.v1");
    }

    // ---- helpers

    private Reply push(String topic, String... events) throws Exception {
        return pushAs(service, topic, events);
    }

    private Reply pushAs(String token, String topic, String... events) throws Exception {
        return post("/internal/events/" + topic, "[" + String.join(",", events) + "]", token);
    }

    private void publish(String event) throws Exception {
        KafkaTopics.publish(
                Topics.MESSAGES, json.readTree(event).path("subject").asString(), event);
    }

    private long appliedSeq(long conversation) {
        return jdbc.sql("select applied_seq from conversation where id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private String created(long conversation, long message, TestUser sender, TestUser recipient, long seq) {
        return messageEvent("chat.message.created", conversation, message, sender, recipient, seq, "hello");
    }

    private String changed(
            String type,
            long conversation,
            long message,
            TestUser actor,
            TestUser recipient,
            long seq,
            String content) {
        return messageEvent(type, conversation, message, actor, recipient, seq, content);
    }

    private String messageEvent(
            String type,
            long conversation,
            long message,
            TestUser sender,
            TestUser recipient,
            long seq,
            String content) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.message.created"));
        event.put("id", UUID.randomUUID().toString()).put("type", type).put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("seq", seq).put("conversation", conversation).put("actor", sender.id());
        data.remove("client_id");
        ((ObjectNode) data.path("message"))
                .put("id", message)
                .put("conversation", conversation)
                .put("sender", sender.id())
                .put("recipient", recipient.id())
                .put("content", content)
                .put("is_edited", type.endsWith("edited"))
                .put("is_deleted", type.endsWith("deleted"));
        String text = json.writeValueAsString(event);
        EventSchemas.assertMatchesSchema(text);
        return text;
    }

    private String readUpTo(long conversation, TestUser reader, long upTo, long seq) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.message.read"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data"))
                .put("seq", seq)
                .put("conversation", conversation)
                .put("actor", reader.id())
                .put("up_to", upTo);
        return json.writeValueAsString(event);
    }

    private long conversationOf(TestUser a, TestUser b) throws Exception {
        return post("/internal/conversations/", "{\"participants\": [" + a.id() + ", " + b.id() + "]}", service)
                .body()
                .path("id")
                .asLong();
    }

    private JsonNode conversationFor(long id, TestUser user) throws Exception {
        return api.withToken("GET", "/api/conversations/" + id + "/", TestTokens.of(user), null)
                .body();
    }

    private Reply post(String path, String body, String token) throws Exception {
        return api.withToken("POST", path, token, body);
    }

    private static TestUser user(String name) {
        return new TestUser(messageId(), name, false);
    }

    private static synchronized long messageId() {
        return 5_000_000 + (System.nanoTime() & 0xFFFFFF);
    }

    /** message-service's event log as recorded per conversation; 503 for any other. */
    static final class RecordedEventLog implements AutoCloseable {

        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        private final Map<Long, String> replays = new ConcurrentHashMap<>();
        private final HttpServer server;

        RecordedEventLog() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/conversations", this::handle);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        /** What the log answers for {@code conversation}: these events, the last seq. */
        void record(long conversation, long lastSeq, String... events) {
            replays.put(
                    conversation,
                    "{\"conversation\":%d,\"last_seq\":%d,\"events\":[%s]}"
                            .formatted(conversation, lastSeq, String.join(",", events)));
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                requests.add(exchange.getRequestURI().toString());
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                String[] path = exchange.getRequestURI().getPath().split("/");
                String replay = replays.get(Long.parseLong(path[3]));
                byte[] body =
                        (replay == null ? "{\"detail\":\"unavailable\"}" : replay).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(replay == null ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
