package chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.testsupport.ApiDocumentChecks;
import chat.testsupport.DocumentedCalls;
import chat.testsupport.DocumentedCalls.Reply;
import chat.testsupport.EventSchemas;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** conversation-service's OpenAPI document against the service, operation by operation. */
class ApiDocumentIntegrationTests extends ApiDocumentChecks {

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected void exercise(DocumentedCalls api) throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        TestUser outsider = user("mallory");
        // a conversation with a last message that carries an attachment, as message-service and
        // attachment-service would push them
        long conversation = conversationOf(alice, bob);
        long message = 7_000_000 + (System.nanoTime() & 0xFFFFF);
        push(Topics.MESSAGES, created(conversation, message, alice, bob));
        push(Topics.ATTACHMENTS, attached(conversation, message));
        api.get("/api/users/me/", bob);

        Reply list = api.get("/api/conversations/", alice);
        assertThat(list.body().findValues("attachments")).isNotEmpty();
        assertThat(api.get("/api/conversations/", outsider).body()).isEmpty();
        api.get("/api/conversations/?page=1&page_size=1", alice);
        assertThat(api.get("/api/conversations/?page=9", alice).status()).isEqualTo(404);
        assertThat(api.get("/api/conversations/?page=x", alice).status()).isEqualTo(404);
        assertThat(api.get("/api/conversations/", null).status()).isEqualTo(401);

        Reply one = api.get("/api/conversations/" + conversation + "/", bob);
        assertThat(one.body().path("last_message").path("id").asLong()).isEqualTo(message);
        assertThat(api.get("/api/conversations/" + conversation + "/", admin()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/conversations/" + conversation + "/", outsider).status())
                .isEqualTo(404);
        assertThat(api.get("/api/conversations/" + (conversation + 1_000_000) + "/", alice)
                        .status())
                .isEqualTo(404);

        Reply me = api.get("/api/users/me/", alice);
        assertThat(me.body().path("is_staff").asBoolean()).isFalse();
        assertThat(api.get("/api/users/me/", admin()).body().path("is_staff").asBoolean())
                .isTrue();
        assertThat(api.get("/api/users/me/", null).status()).isEqualTo(401);
    }

    private long conversationOf(TestUser a, TestUser b) throws Exception {
        return json.readTree(post("/internal/conversations/", "{\"participants\": [" + a.id() + ", " + b.id() + "]}")
                        .body())
                .path("id")
                .asLong();
    }

    private String created(long conversation, long message, TestUser sender, TestUser recipient) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.message.created"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ObjectNode data = (ObjectNode) event.path("data");
        data.put("seq", 1).put("conversation", conversation).put("actor", sender.id());
        ((ObjectNode) data.path("message"))
                .put("id", message)
                .put("conversation", conversation)
                .put("sender", sender.id())
                .put("recipient", recipient.id());
        return json.writeValueAsString(event);
    }

    private String attached(long conversation, long message) {
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data")).put("conversation", conversation).put("message", message);
        ((ObjectNode) event.path("data").path("attachment"))
                .put("id", message)
                .put("message", message)
                .put("object_key", "m/" + message + "/file");
        return json.writeValueAsString(event);
    }

    private void push(String topic, String event) throws Exception {
        assertThat(post("/internal/events/" + topic, "[" + event + "]").statusCode())
                .isEqualTo(204);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base().resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.service("message-service"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TestUser user(String name) {
        return new TestUser(6_000_000 + (System.nanoTime() & 0xFFFFFF), name, false);
    }

    private static TestUser admin() {
        return new TestUser(6_999_999, "admin", true);
    }
}
