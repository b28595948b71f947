package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.Topics;
import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of message event on {@code chat.message.v1} names the conversation's two
 * participants, lower id first, whoever made the change: consumers reach both without asking
 * conversation-service. Each record is also held to its schema, with every object closed.
 */
@ServiceIntegrationTest
@WithFakeConversationService
class ParticipantsInEventsIntegrationTests {

    @LocalServerPort
    int port;

    final ServiceCalls api = ServiceCalls.onPort(() -> port);
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyMessageEventNamesBothParticipants() throws Exception {
        TestUser bob = Users.fresh("bob");
        call(bob, "GET", "/api/messages/0/", null); // bob's first request puts him in the directory
        TestUser alice = Users.fresh("alice");

        JsonNode first = json.readTree(send(alice, bob, "first"));
        long conversation = first.path("conversation").asLong();
        long firstId = first.path("id").asLong();
        long secondId = json.readTree(send(alice, bob, "second")).path("id").asLong();
        assertThat(call(alice, "PATCH", "/api/messages/" + firstId + "/", Map.of("content", "first, edited")))
                .isEqualTo(200);
        assertThat(call(bob, "PATCH", "/api/messages/" + firstId + "/", Map.of("is_read", true)))
                .isEqualTo(200);
        assertThat(call(bob, "POST", "/api/conversations/" + conversation + "/read/", Map.of("up_to", secondId)))
                .isEqualTo(200);
        KafkaTopics.publish(
                Topics.ATTACHMENTS, Long.toString(conversation), attachmentAdded(conversation, secondId, alice));
        assertThat(call(alice, "DELETE", "/api/messages/" + secondId + "/", null))
                .isEqualTo(204);

        // other test classes' fakes hand out the same conversation ids: only this test's messages count
        Set<Long> ours = Set.of(firstId, secondId);
        // the attachment arrives through the attachment topic, on its own time
        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(40))
                .until(
                        () -> KafkaTopics.recordsOf(Topics.MESSAGES, Long.toString(conversation), 1).stream()
                                .filter(record -> ours.contains(messageOf(json.readTree(record.value()))))
                                .toList(),
                        found -> found.size() >= 7);

        assertThat(records)
                .extracting(record -> json.readTree(record.value()).path("type").asString())
                .containsExactlyInAnyOrder(
                        "chat.message.created",
                        "chat.message.created",
                        "chat.message.edited",
                        "chat.message.read",
                        "chat.message.read",
                        "chat.message.attachment_added",
                        "chat.message.deleted");
        List<Long> participants = List.of(Math.min(alice.id(), bob.id()), Math.max(alice.id(), bob.id()));
        for (ConsumerRecord<String, String> record : records) {
            EventSchemas.assertIsStructuredCloudEvent(record);
            JsonNode data = json.readTree(record.value()).path("data");
            List<Long> named = new ArrayList<>();
            data.path("participants").forEach(user -> named.add(user.asLong()));
            assertThat(named).as(record.value()).isEqualTo(participants);
        }
    }

    /** The message an event is about: its {@code message} (an object, or an id), or what was read. */
    private static long messageOf(JsonNode event) {
        JsonNode data = event.path("data");
        if (data.path("message").isObject()) {
            return data.path("message").path("id").asLong();
        }
        if (data.has("up_to")) {
            return data.path("up_to").asLong();
        }
        if (data.has("message_ids")) {
            return data.path("message_ids").path(0).asLong();
        }
        return data.path("message").asLong();
    }

    private String attachmentAdded(long conversation, long message, TestUser by) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("conversation", conversation);
        data.put("message", message);
        data.put("actor", by.id());
        ObjectNode attachment = (ObjectNode) data.path("attachment");
        attachment.put("id", 900_000_000L + (System.nanoTime() & 0xFFFFFF));
        attachment.put("message", message);
        return json.writeValueAsString(event);
    }

    private String send(TestUser from, TestUser to, String content) throws Exception {
        Reply sent = api.call(
                "POST",
                "/api/messages/",
                from,
                json.writeValueAsString(Map.of("content", content, "recipient_id", to.id())));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        return sent.text();
    }

    private int call(TestUser as, String method, String path, @Nullable Object body) throws Exception {
        return api.call(method, path, as, body == null ? null : json.writeValueAsString(body))
                .status();
    }
}
