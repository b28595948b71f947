package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.Topics;
import chat.testsupport.ChatInfrastructure;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A message's attachments (spec B.11), kept from attachment-service's events. */
class AttachmentsIntegrationTests extends MessageApiIntegrationTest {

    @Test
    void rendersAttachmentsFromTheirEventsWithSignedLinksAndHidesThemOnceDeleted() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "with a file");
        long conversation = conversationOfMessage(id, alice);
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data")).put("conversation", conversation).put("message", id);
        ((ObjectNode) event.path("data").path("attachment")).put("id", id).put("message", id);
        EventSchemas.assertMatchesSchema(event.toString());
        KafkaTopics.publish(Topics.ATTACHMENTS, Long.toString(conversation), event.toString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode files = api.get("/api/messages/" + id + "/", bob).body().path("attachments");
            assertThat(files).hasSize(1);
            assertThat(files.get(0).path("id").asLong()).isEqualTo(id);
            assertThat(files.get(0).path("message").asLong()).isEqualTo(id);
            assertThat(files.get(0).path("file").asString())
                    .startsWith(ChatInfrastructure.get().s3().endpoint().toString())
                    .contains("X-Amz-Signature=");
            assertThat(files.get(0).path("uploaded_at").asString()).isNotBlank();
        });
        assertThat(history(conversation, bob, "").body().path("results").get(0).path("attachments"))
                .hasSize(1);
        List<JsonNode> announced = KafkaTopics.valuesOf(Topics.MESSAGES, Long.toString(conversation), 2).stream()
                .map(json::readTree)
                .filter(e -> e.path("type").asString().equals("chat.message.attachment_added"))
                .toList();
        assertThat(announced).hasSize(1);
        EventSchemas.assertMatchesSchema(announced.getFirst().toString());
        assertThat(announced.getFirst().path("data").path("seq").asLong()).isEqualTo(2);

        api.call("DELETE", "/api/messages/" + id + "/", alice, null);
        assertThat(api.get("/api/messages/" + id + "/", bob).body().path("attachments"))
                .isEmpty();
    }
}
