package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.EventWriteThrough;
import chat.common.events.Topics;
import chat.message.FakeConversationService.Pushed;
import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Read-your-writes (ADR 0009) on message-service's side: every committed change's events are
 * handed to conversation-service before the writer's answer, and attachment events pushed by
 * attachment-service are recorded before the push answers, once whatever else delivers them.
 */
@ServiceIntegrationTest
@WithFakeConversationService
class WriteThroughIntegrationTests {

    // the write-through of chat.message.v1 follows chat.conversation-service.url by default
    static final FakeConversationService CONVERSATIONS = FakeConversationService.shared();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();
    final ServiceCalls api = ServiceCalls.onPort(() -> port);

    @Test
    void handsEachChangesEventsToConversationServiceBeforeAnswering() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        Reply sent = api.call("POST", "/api/messages/", alice, body("content", "hi", "recipient_id", bob.id()));
        assertThat(sent.status()).isEqualTo(201);
        long message = sent.body().path("id").asLong();
        long conversation = sent.body().path("conversation").asLong();

        // no waiting: the push happened before the 201
        JsonNode created = lastPushedFor(conversation);
        assertThat(created.path("type").asString()).isEqualTo("chat.message.created");
        assertThat(created.path("data").path("message").path("id").asLong()).isEqualTo(message);
        assertThat(created.path("data").path("seq").asLong()).isEqualTo(1);
        EventSchemas.assertMatchesSchema(created.toString());

        assertThat(api.call("PATCH", "/api/messages/" + message + "/", alice, body("content", "edited"))
                        .status())
                .isEqualTo(200);
        assertThat(lastPushedFor(conversation).path("type").asString()).isEqualTo("chat.message.edited");

        assertThat(api.call("POST", "/api/conversations/" + conversation + "/read/", bob, body("up_to", message))
                        .status())
                .isEqualTo(200);
        JsonNode read = lastPushedFor(conversation);
        assertThat(read.path("type").asString()).isEqualTo("chat.message.read");
        assertThat(read.path("data").path("seq").asLong()).isEqualTo(3);

        List<Pushed> forConversation = pushedFor(conversation);
        assertThat(forConversation)
                .as("one call per change, each with that change's one event, with the service's own token")
                .hasSize(3)
                .allSatisfy(push -> {
                    assertThat(push.path()).isEqualTo("/internal/events/" + Topics.MESSAGES);
                    assertThat(push.events()).hasSize(1);
                    assertThat(push.authorization()).startsWith("Bearer ");
                });
    }

    @Test
    void answersTheWriterWhenConversationServiceRefusesTheEventsAndKafkaStillBringsThem() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = api.call(
                        "POST", "/api/messages/", alice, body("content", "first", "recipient_id", bob.id()))
                .body()
                .path("conversation")
                .asLong();
        double failedBefore = failed();
        CONVERSATIONS.eventsStatus = 503;
        try {
            Reply sent = api.call(
                    "POST", "/api/conversations/" + conversation + "/messages/", alice, body("content", "second"));
            assertThat(sent.status()).isEqualTo(201);
        } finally {
            CONVERSATIONS.eventsStatus = 204;
        }
        assertThat(failed()).isEqualTo(failedBefore + 1);
        // every test of this JVM writes to the same topic: alice's events only
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                KafkaTopics.valuesOf(Topics.MESSAGES, Long.toString(conversation), 2).stream()
                                        .map(json::readTree)
                                        .filter(event ->
                                                event.path("data").path("actor").asLong() == alice.id()))
                        .hasSize(2));
    }

    @Test
    void recordsAPushedAttachmentBeforeAnsweringAndOnceWhateverRacesIt() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        JsonNode sent = api.call("POST", "/api/messages/", alice, body("content", "a file", "recipient_id", bob.id()))
                .body();
        long message = sent.path("id").asLong();
        long conversation = sent.path("conversation").asLong();
        String event = attachmentAdded(conversation, message);

        assertThat(push(event).status()).isEqualTo(204);

        // no waiting: the uploader's next read of the message shows it
        JsonNode files = api.call("GET", "/api/messages/" + message + "/", alice, null)
                .body()
                .path("attachments");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("id").asLong()).isEqualTo(message);
        // and its own attachment_added went on to conversation-service before this answered
        JsonNode announced = lastPushedFor(conversation);
        assertThat(announced.path("type").asString()).isEqualTo("chat.message.attachment_added");
        assertThat(announced.path("data").path("seq").asLong()).isEqualTo(2);

        // the same event from Kafka and from many pushes at once
        KafkaTopics.publish(Topics.ATTACHMENTS, Long.toString(conversation), event);
        List<Callable<Integer>> pushes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pushes.add(() -> push(event).status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(pushes)) {
                assertThat(status.get()).isEqualTo(204);
            }
        }
        // a second attachment through Kafka only: once it is recorded, Kafka has passed the copy
        long second = message + 1_000_000_000L;
        ObjectNode another = (ObjectNode) json.readTree(attachmentAdded(conversation, message));
        ((ObjectNode) another.path("data").path("attachment")).put("id", second);
        KafkaTopics.publish(Topics.ATTACHMENTS, Long.toString(conversation), another.toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.call("GET", "/api/messages/" + message + "/", alice, null)
                                .body()
                                .path("attachments")
                                .size()
                        == 2);
        assertThat(jdbc.sql("select count(*) from outbox_event where record_key = ? and type = ?")
                        .params(Long.toString(conversation), "chat.message.attachment_added")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void takesPushesOfAttachmentEventsFromOtherServicesOnly() throws Exception {
        String event = attachmentAdded(1, 1);
        assertThat(api.withToken("POST", "/internal/events/" + Topics.ATTACHMENTS, null, "[" + event + "]")
                        .status())
                .isEqualTo(401);
        assertThat(api.withToken(
                                "POST",
                                "/internal/events/" + Topics.ATTACHMENTS,
                                TestTokens.of(Users.fresh("mallory")),
                                "[" + event + "]")
                        .status())
                .isEqualTo(403);
        String service = TestTokens.service("attachment-service");
        Reply messages = api.withToken("POST", "/internal/events/" + Topics.MESSAGES, service, "[]");
        assertThat(messages.status()).isEqualTo(404);
        assertThat(messages.body().path("detail").asString()).contains(Topics.MESSAGES);
        Reply bad = api.withToken("POST", "/internal/events/" + Topics.ATTACHMENTS, service, "{\"id\": 1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("detail").asString()).isNotBlank();
    }

    // ---- helpers

    private String attachmentAdded(long conversation, long message) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data")).put("conversation", conversation).put("message", message);
        ((ObjectNode) event.path("data").path("attachment")).put("id", message).put("message", message);
        return event.toString();
    }

    private double failed() {
        return meters.find(EventWriteThrough.METER).tag("outcome", "failed").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private List<Pushed> pushedFor(long conversation) {
        return CONVERSATIONS.pushed.stream()
                .filter(push -> push.events().path(0).path("subject").asString().equals(Long.toString(conversation)))
                .toList();
    }

    private JsonNode lastPushedFor(long conversation) {
        List<Pushed> pushes = pushedFor(conversation);
        assertThat(pushes).isNotEmpty();
        return pushes.getLast().events().path(0);
    }

    private String body(String field, Object value) {
        return json.writeValueAsString(Map.of(field, value));
    }

    private String body(String field, Object value, String other, Object otherValue) {
        return json.writeValueAsString(Map.of(field, value, other, otherValue));
    }

    /** A user this service's directory knows: their own first request puts them there. */
    private TestUser known(TestUser user) throws Exception {
        api.call("GET", "/api/messages/0/", user, null);
        return user;
    }

    private Reply push(String event) throws Exception {
        return api.withToken(
                "POST",
                "/internal/events/" + Topics.ATTACHMENTS,
                TestTokens.service("attachment-service"),
                "[" + event + "]");
    }
}
