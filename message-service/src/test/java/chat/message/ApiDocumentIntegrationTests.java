package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.ApiDocumentChecks;
import chat.testsupport.DocumentedCalls;
import chat.testsupport.DocumentedCalls.Reply;
import chat.testsupport.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.test.context.TestPropertySource;

/** message-service's OpenAPI document against the service, operation by operation. */
@WithFakeConversationService
@TestPropertySource(properties = MessageApiIntegrationTest.KAFKA_ONLY)
class ApiDocumentIntegrationTests extends ApiDocumentChecks {

    private static final AtomicLong IDS = new AtomicLong(8_000_000 + (System.nanoTime() & 0xFFFFF));

    @Override
    protected void exercise(DocumentedCalls api) throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        TestUser outsider = user("mallory");
        TestUser staff = new TestUser(IDS.incrementAndGet(), "admin", true);
        // each user's first request puts them into the directory
        for (TestUser user : new TestUser[] {alice, bob, outsider, staff}) {
            assertThat(api.get("/api/messages/0/", user).status()).isEqualTo(404);
        }

        String hello = "{\"content\": \"hello\", \"recipient_id\": " + bob.id() + "}";
        Reply sent = api.call("POST", "/api/messages/", alice, hello);
        assertThat(sent.status()).isEqualTo(201);
        long message = sent.body().path("id").asLong();
        long conversation = sent.body().path("conversation").asLong();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long once = api.call("POST", "/api/messages/", alice, hello, key)
                .body()
                .path("id")
                .asLong();
        assertThat(api.call("POST", "/api/messages/", alice, hello, key)
                        .body()
                        .path("id")
                        .asLong())
                .isEqualTo(once);
        assertThat(api.call("POST", "/api/messages/", alice, "{\"recipient_id\": " + bob.id() + "}")
                        .body()
                        .path("errors")
                        .has("content"))
                .isTrue();
        assertThat(api.call("POST", "/api/messages/", alice, "{\"content\": \"x\", \"recipient_id\": \"two\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call("POST", "/api/messages/", null, hello).status()).isEqualTo(401);
        assertThat(api.send(
                                "POST",
                                "/api/messages/",
                                alice,
                                "text/plain",
                                "hello".getBytes(StandardCharsets.UTF_8),
                                Map.of())
                        .status())
                .isEqualTo(415);

        String messages = "/api/conversations/" + conversation + "/messages/";
        assertThat(api.call("POST", messages, bob, "{\"content\": \"by id\"}").status())
                .isEqualTo(201);
        assertThat(api.call("POST", messages, staff, "{\"content\": \"x\"}").status())
                .isEqualTo(403);
        assertThat(api.call("POST", messages, bob, "{\"content\": \" \"}").status())
                .isEqualTo(400);
        assertThat(api.get(messages, bob).body().path("count").asLong()).isEqualTo(3);
        assertThat(api.get(messages + "?page=1&page_size=1", bob)
                        .body()
                        .path("next")
                        .isString())
                .isTrue();
        assertThat(api.get(messages + "?page=2&page_size=1", bob)
                        .body()
                        .path("previous")
                        .isString())
                .isTrue();
        assertThat(api.get(messages + "?before=" + (message + 1000) + "&page_size=2", bob)
                        .body()
                        .path("results"))
                .hasSize(2);
        assertThat(api.get(messages + "?after=" + message, bob).status()).isEqualTo(200);
        assertThat(api.get(messages + "?page=99", bob).status()).isEqualTo(404);
        assertThat(api.get(messages, outsider).status()).isEqualTo(404);
        assertThat(api.get(messages, null).status()).isEqualTo(401);

        String one = "/api/messages/" + message + "/";
        assertThat(api.get(one, bob).body().path("content").asString()).isEqualTo("hello");
        assertThat(api.get(one, staff).status()).isEqualTo(200);
        assertThat(api.get(one, outsider).status()).isEqualTo(404);
        assertThat(api.call("PUT", one, alice, "{\"content\": \"edited\"}")
                        .body()
                        .path("is_edited")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("PUT", one, bob, "{\"content\": \"mine\"}").status())
                .isEqualTo(403);
        assertThat(api.call("PUT", one, alice, "{}").status()).isEqualTo(400);
        assertThat(api.call("PATCH", one, bob, "{\"is_read\": true}")
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("PATCH", one, staff, "{\"content\": \"moderated\"}").status())
                .isEqualTo(200);
        assertThat(api.call("PATCH", one, outsider, "{\"content\": \"x\"}").status())
                .isEqualTo(404);
        assertThat(api.send("PATCH", one, alice, "application/x-www-form-urlencoded", "content=x".getBytes(), Map.of())
                        .status())
                .isEqualTo(415);

        String read = "/api/conversations/" + conversation + "/read/";
        assertThat(api.call("POST", read, alice, "{\"up_to\": " + (message + 1000) + "}")
                        .status())
                .isEqualTo(200);
        assertThat(api.call("POST", read, alice, "{}").status()).isEqualTo(400);
        assertThat(api.call("POST", read, staff, "{\"up_to\": 1}").status()).isEqualTo(403);
        assertThat(api.call("POST", read, outsider, "{\"up_to\": 1}").status()).isEqualTo(404);

        assertThat(api.call("DELETE", one, bob, null).status()).isEqualTo(403);
        assertThat(api.call("DELETE", one, outsider, null).status()).isEqualTo(404);
        assertThat(api.call("DELETE", one, alice, null).status()).isEqualTo(204);
        assertThat(api.call("DELETE", one, alice, null).status()).isEqualTo(204);
        assertThat(api.get(one, bob).body().path("is_deleted").asBoolean()).isTrue();
        assertThat(api.call("PATCH", one, alice, "{\"content\": \"back\"}").status())
                .isEqualTo(400);
    }

    private static TestUser user(String name) {
        return new TestUser(IDS.incrementAndGet(), name, false);
    }
}
