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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The internal API other services call, and the previews kept from message events. */
@ServiceIntegrationTest
class ConversationInternalsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    final ServiceCalls api = ServiceCalls.onPort(() -> port);
    final JsonMapper json = JsonMapper.builder().build();
    final String service = TestTokens.service("message-service");

    @Test
    void admitsOnlyOtherServicesToTheInternalApi() throws Exception {
        String body = "{\"participants\": [11, 12]}";
        assertThat(post("/internal/conversations/", body, null).status()).isEqualTo(401);
        Reply asUser = post("/internal/conversations/", body, TestTokens.of(Users.alice()));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void findsOrCreatesTheConversationOfAPairAndAnnouncesItOnce() throws Exception {
        long a = uniqueUser();
        long b = uniqueUser();
        Reply created = post("/internal/conversations/", pair(a, b), service);
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().path("id").asLong();

        Reply found = post("/internal/conversations/", pair(b, a), service);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("id").asLong()).isEqualTo(id);
        assertThat(get("/internal/conversations/" + id, service)
                        .body()
                        .path("participants")
                        .toString())
                .isEqualTo("[" + Math.min(a, b) + "," + Math.max(a, b) + "]");

        List<String> events = KafkaTopics.valuesOf(Topics.CONVERSATIONS, Long.toString(id), 1);
        assertThat(events).hasSize(1);
        EventSchemas.assertMatchesSchema(events.getFirst());
        assertThat(json.readTree(events.getFirst()).path("data").path("actor").asLong())
                .isEqualTo(a);
    }

    @Test
    void refusesAPairOfOneUserAndUnknownConversations() throws Exception {
        Reply self = post("/internal/conversations/", pair(5, 5), service);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body().path("detail").asString()).isNotBlank();
        assertThat(post("/internal/conversations/", "{\"participants\": [5]}", service)
                        .status())
                .isEqualTo(400);
        assertThat(get("/internal/conversations/99999999", service).status()).isEqualTo(404);
    }

    @Test
    void createsExactlyOneConversationWhenBothUsersStartItAtOnce() throws Exception {
        long a = uniqueUser();
        long b = uniqueUser();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = i % 2 == 0 ? pair(a, b) : pair(b, a);
            starts.add(() -> {
                Reply response = post("/internal/conversations/", body, service);
                ids.add(response.body().path("id").asLong());
                return response.status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(starts)) {
                statuses.add(status.get());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void showsTheLastMessageAndUnreadCountFromMessageEvents() throws Exception {
        TestUser alice = new TestUser(uniqueUser(), "alice", false);
        TestUser bob = new TestUser(uniqueUser(), "bob", false);
        long conversation = conversationOf(alice.id(), bob.id());
        long messageId = 700_000 + System.nanoTime() % 100_000;

        publish(messageEvent("chat.message.created", conversation, messageId, alice.id(), bob.id(), 1, false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode forBob = conversationFor(conversation, bob);
            assertThat(forBob.path("last_message").path("id").asLong()).isEqualTo(messageId);
            assertThat(forBob.path("last_message").path("sender").path("id").asLong())
                    .isEqualTo(alice.id());
            assertThat(forBob.path("last_message").path("attachments").isArray())
                    .isTrue();
            assertThat(forBob.path("unread_count").asLong()).isEqualTo(1);
            assertThat(conversationFor(conversation, alice).path("unread_count").asLong())
                    .isZero();
        });

        String read = readEvent(conversation, bob.id(), messageId, 2);
        publish(read);
        publish(read); // redelivered: applied once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode forBob = conversationFor(conversation, bob);
            assertThat(forBob.path("unread_count").asLong()).isZero();
            assertThat(forBob.path("last_message").path("is_read").asBoolean()).isTrue();
        });

        publish(messageEvent("chat.message.deleted", conversation, messageId, alice.id(), bob.id(), 3, true));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(conversationFor(conversation, bob)
                                .path("last_message")
                                .path("content")
                                .asString())
                        .isEmpty());
    }

    @Test
    void movesAnEventItCannotReadToTheDeadLetterTopicAndCarriesOnWithTheNext() throws Exception {
        TestUser alice = new TestUser(uniqueUser(), "alice", false);
        TestUser bob = new TestUser(uniqueUser(), "bob", false);
        long conversation = conversationOf(alice.id(), bob.id());
        long messageId = 800_000 + System.nanoTime() % 100_000;
        long before = 600_000 + messageId % 100_000;
        String poison = "{not an event";

        // the same key, so the same partition, published while the consumer is paused so that one
        // poll brings them all: the event ahead of the poison one stays applied, the one behind it waits
        MessageListenerContainer previews = listeners.getListenerContainer("conversation-service.previews");
        previews.pause();
        await().atMost(Duration.ofSeconds(10)).until(previews::isPauseRequested);
        try {
            publish(messageEvent("chat.message.created", conversation, before, bob.id(), alice.id(), 1, false));
            KafkaTopics.publish(Topics.MESSAGES, Long.toString(conversation), poison);
            publish(messageEvent("chat.message.created", conversation, messageId, alice.id(), bob.id(), 2, false));
        } finally {
            previews.resume();
        }

        assertThat(KafkaTopics.valuesOf(Topics.MESSAGES + ".dlt", Long.toString(conversation), 1))
                .containsExactly(poison);
        assertThat(jdbc.sql("select count(*) from conversation_message where id = ?")
                        .param(before)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(conversationFor(conversation, bob)
                                .path("last_message")
                                .path("id")
                                .asLong())
                        .isEqualTo(messageId));
    }

    @Test
    void readsTheCheckedInExampleOfEveryMessageEvent() throws Exception {
        jdbc.sql("insert into conversation (id, user_low, user_high) overriding system value values (12, 7, 8)"
                        + " on conflict do nothing")
                .update();
        for (String type : List.of("chat.message.created", "chat.message.edited", "chat.message.read")) {
            publish(EventSchemas.example(type));
        }
        String attachment = EventSchemas.example("chat.attachment.added");
        KafkaTopics.publish(Topics.ATTACHMENTS, "12", attachment);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(conversationFor(12, new TestUser(7, "seven", false))
                                .path("last_message")
                                .path("attachments")
                                .get(0)
                                .path("file")
                                .asString())
                        .contains("m/345/")
                        .contains("X-Amz-Signature="));
        publish(EventSchemas.example("chat.message.deleted"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode forRecipient = conversationFor(12, new TestUser(8, "eight", false));
            assertThat(forRecipient.path("last_message").path("id").asLong()).isEqualTo(345);
            assertThat(forRecipient.path("last_message").path("is_deleted").asBoolean())
                    .isTrue();
            assertThat(forRecipient.path("unread_count").asLong()).isZero();
            assertThat(forRecipient.path("last_message").path("attachments")).isEmpty();
        });
    }

    @Test
    void pagesTheConversationListOnRequest() throws Exception {
        TestUser carol = new TestUser(uniqueUser(), "carol", false);
        for (int i = 0; i < 3; i++) {
            conversationOf(carol.id(), uniqueUser());
        }
        JsonNode first = get("/api/conversations/?page=1&page_size=2", TestTokens.of(carol))
                .body();
        assertThat(first.path("count").asLong()).isEqualTo(3);
        assertThat(first.path("results")).hasSize(2);
        assertThat(first.path("next").asString()).startsWith("http://localhost:" + port + "/api/conversations/");
        assertThat(first.path("next").asString()).contains("page=2");
        assertThat(first.path("previous").isNull()).isTrue();

        Reply past = get("/api/conversations/?page=3&page_size=2", TestTokens.of(carol));
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.body().path("detail").asString()).isEqualTo("Invalid page.");
        assertThat(get("/api/conversations/?page=zero", TestTokens.of(carol)).status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?page=2000000000", "?page=2147483647&page_size=100", "?page=2147483647&page_size=1"})
    void refusesAPageFarPastTheEndAsInvalidNotAsAFailure(String query) throws Exception {
        TestUser carol = new TestUser(uniqueUser(), "carol", false);
        conversationOf(carol.id(), uniqueUser());
        TestUser staff = new TestUser(uniqueUser(), "staff", true);
        for (TestUser user : List.of(carol, staff)) {
            Reply past = get("/api/conversations/" + query, TestTokens.of(user));
            assertThat(past.status()).isEqualTo(404);
            assertThat(past.body().path("detail").asString()).isEqualTo("Invalid page.");
        }
    }

    private long conversationOf(long a, long b) throws Exception {
        return post("/internal/conversations/", pair(a, b), service)
                .body()
                .path("id")
                .asLong();
    }

    private JsonNode conversationFor(long id, TestUser user) throws Exception {
        return get("/api/conversations/" + id + "/", TestTokens.of(user)).body();
    }

    private String messageEvent(
            String type, long conversation, long messageId, long sender, long recipient, long seq, boolean deleted) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example(type.replace("deleted", "created")));
        event.put("id", UUID.randomUUID().toString()).put("type", type).put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("seq", seq).put("conversation", conversation).put("actor", sender);
        data.remove("client_id");
        ((ObjectNode) data.path("message"))
                .put("id", messageId)
                .put("conversation", conversation)
                .put("sender", sender)
                .put("recipient", recipient)
                .put("content", deleted ? "" : "hello")
                .put("is_deleted", deleted);
        return json.writeValueAsString(event);
    }

    private String readEvent(long conversation, long reader, long upTo, long seq) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.message.read"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data"))
                .put("seq", seq)
                .put("conversation", conversation)
                .put("actor", reader)
                .put("up_to", upTo);
        return json.writeValueAsString(event);
    }

    private void publish(String event) throws Exception {
        EventSchemas.assertMatchesSchema(event);
        KafkaTopics.publish(
                Topics.MESSAGES, json.readTree(event).path("subject").asString(), event);
    }

    private static String pair(long a, long b) {
        return "{\"participants\": [" + a + ", " + b + "]}";
    }

    private static long uniqueUser() {
        return 1_000_000 + (System.nanoTime() & 0xFFFFFF);
    }

    private Reply post(String path, String body, String token) throws Exception {
        return api.withToken("POST", path, token, body);
    }

    private Reply get(String path, String token) throws Exception {
        return api.withToken("GET", path, token, null);
    }
}
