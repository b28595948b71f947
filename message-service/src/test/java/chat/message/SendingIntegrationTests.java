package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.EventRetention;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Sending (spec A.3.2, B.7, B.15): to a recipient or into a conversation, once per key. */
class SendingIntegrationTests extends MessageApiIntegrationTest {

    @Autowired
    EventRetention retention;

    @Test
    void sendsAMessageAndStartsTheConversation() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        Reply sent = send(alice, "{\"content\": \"Hello\", \"recipient_id\": " + bob.id() + "}");

        assertThat(sent.status()).isEqualTo(201);
        JsonNode message = sent.body();
        assertThat(message.path("content").asString()).isEqualTo("Hello");
        assertThat(message.path("sender").path("id").asLong()).isEqualTo(alice.id());
        assertThat(message.path("sender").path("username").asString()).isEqualTo("alice");
        assertThat(message.path("conversation").asLong()).isPositive();
        assertThat(message.path("is_read").asBoolean()).isFalse();
        assertThat(message.path("is_edited").asBoolean()).isFalse();
        assertThat(message.path("is_deleted").asBoolean()).isFalse();
        assertThat(message.path("attachments").isArray()).isTrue();
        assertThat(message.path("timestamp").asString()).isNotBlank();
        assertThat(CONVERSATIONS.authorizations).allMatch(header -> header.startsWith("Bearer "));

        int asked = CONVERSATIONS.authorizations.size();
        Reply second = send(bob, "{\"content\": \"Hi\", \"recipient_id\": " + alice.id() + "}");
        assertThat(second.body().path("conversation").asLong())
                .isEqualTo(message.path("conversation").asLong());
        assertThat(CONVERSATIONS.authorizations)
                .as("a pair's conversation is asked for once, not on every send")
                .hasSize(asked);
    }

    @Test
    void storesPersianTextAndEmojiUnchanged() throws Exception {
        TestUser bob = known(Users.fresh("bob"));
        String text = "سلام دوست من! 👋🏽 چطوری؟ ✨";
        Reply sent =
                send(Users.fresh("alice"), json.writeValueAsString(Map.of("content", text, "recipient_id", bob.id())));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.body().path("content").asString()).isEqualTo(text);
        assertThat(api.get("/api/messages/" + sent.body().path("id").asLong() + "/", bob)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo(text);
    }

    @Test
    void acceptsFourThousandCharactersCountingAnEmojiOnce() throws Exception {
        TestUser bob = known(Users.fresh("bob"));
        Reply sent = send(
                Users.fresh("alice"),
                json.writeValueAsString(Map.of("content", "😀".repeat(4000), "recipient_id", bob.id())));
        assertThat(sent.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"recipient_id\": %d}",
                "{\"content\": \"   \", \"recipient_id\": %d}",
                "{\"content\": \"x\"}",
                "{\"content\": \"x\", \"recipient_id\": \"%d\"}",
                "{\"content\": \"x\", \"recipient_id\": %d.5}",
                "{\"content\": 5, \"recipient_id\": %d}",
                "{\"content\": [\"x\"], \"recipient_id\": %d}",
                "{\"content\": \"nul\\u0000byte\", \"recipient_id\": %d}",
                "{\"content\": \"x\", \"recipient_id\": 987654321%d}",
                "[%d]",
                "{\"content\": \"x\", \"recipient_id\": %d"
            })
    void refusesAnInvalidSendWith400AndADetail(String template) throws Exception {
        TestUser bob = known(Users.fresh("bob"));
        Reply refused = send(Users.fresh("alice"), template.formatted(bob.id()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void refusesTooLongContentSelfSendsAndUnknownRecipientsNamingTheField() throws Exception {
        TestUser alice = known(Users.fresh("alice"));
        TestUser bob = known(Users.fresh("bob"));
        Reply tooLong =
                send(alice, json.writeValueAsString(Map.of("content", "a".repeat(4001), "recipient_id", bob.id())));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("errors").has("content")).isTrue();

        Reply self = send(alice, "{\"content\": \"me\", \"recipient_id\": " + alice.id() + "}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body().path("errors").has("recipient_id")).isTrue();

        Reply unknown = send(alice, "{\"content\": \"hi\", \"recipient_id\": 1999999999}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("detail").asString()).contains("recipient_id");
    }

    @Test
    void returnsTheFirstMessageForARetriedIdempotencyKey() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        String key = UUID.randomUUID().toString();
        String body = "{\"content\": \"once\", \"recipient_id\": " + bob.id() + "}";
        Reply first = api.call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));
        Reply retry = api.call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().path("id").asLong())
                .isEqualTo(first.body().path("id").asLong());
        long conversation = first.body().path("conversation").asLong();
        assertThat(history(conversation, alice, "").body().path("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void sendsIntoAConversationByIdForParticipantsOnly() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);

        Reply sent =
                api.call("POST", "/api/conversations/" + conversation + "/messages/", bob, "{\"content\": \"by id\"}");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.body().path("conversation").asLong()).isEqualTo(conversation);

        assertThat(api.call(
                                "POST",
                                "/api/conversations/" + conversation + "/messages/",
                                Users.fresh("mallory"),
                                "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
        Reply staff =
                api.call("POST", "/api/conversations/" + conversation + "/messages/", admin(), "{\"content\": \"x\"}");
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.body().path("detail").asString()).isNotBlank();
        assertThat(api.call("POST", "/api/conversations/" + conversation + "/messages/", alice, "{\"content\": \"\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call("POST", "/api/conversations/99999999/messages/", alice, "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void forgetsSendKeysPastTheirRetentionAndStillRecognisesRetriesWithinIt() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        String oldKey = UUID.randomUUID().toString();
        String recentKey = UUID.randomUUID().toString();
        long byOldKey = sendWithKey(alice, bob, oldKey);
        long byRecentKey = sendWithKey(alice, bob, recentKey);
        long byOldClientId = sendAsClient(conversation, alice, "old-" + oldKey);
        long byRecentClientId = sendAsClient(conversation, alice, "recent-" + recentKey);
        // sent longer ago than chat.outbox.processed-event-retention (14 days)
        jdbc.sql("update idempotent_send set created_at = now() - interval '15 days' where idempotency_key = ?")
                .param(oldKey)
                .update();
        jdbc.sql("update message set created_at = now() - interval '15 days' where id = ?")
                .param(byOldClientId)
                .update();
        // and just inside it
        jdbc.sql("update idempotent_send set created_at = now() - interval '13 days' where idempotency_key = ?")
                .param(recentKey)
                .update();
        jdbc.sql("update message set created_at = now() - interval '13 days' where id = ?")
                .param(byRecentClientId)
                .update();

        retention.removeExpired();

        assertThat(jdbc.sql("select idempotency_key from idempotent_send where idempotency_key in (?, ?)")
                        .params(oldKey, recentKey)
                        .query(String.class)
                        .list())
                .containsExactly(recentKey);
        assertThat(jdbc.sql("select count(*) from message where id = ? and client_id is null")
                        .param(byOldClientId)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(sendWithKey(alice, bob, recentKey)).isEqualTo(byRecentKey);
        assertThat(sendAsClient(conversation, alice, "recent-" + recentKey)).isEqualTo(byRecentClientId);
        // the forgotten ones are new sends now; the messages they named stay as they were
        assertThat(sendWithKey(alice, bob, oldKey)).isNotEqualTo(byOldKey);
        assertThat(sendAsClient(conversation, alice, "old-" + oldKey)).isNotEqualTo(byOldClientId);
        assertThat(api.get("/api/messages/" + byOldClientId + "/", alice).status())
                .isEqualTo(200);
    }

    @Test
    void refusesAClientIdLongerThanItsIndexTakesAsInvalidAndStoresNothing() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        long before = jdbc.sql("select count(*) from message where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
        Reply refused = api.withToken(
                "POST",
                "/internal/conversations/" + conversation + "/messages",
                TestTokens.service("realtime-service"),
                json.writeValueAsString(Map.of(
                        "user_id", alice.id(), "is_staff", false, "content", "hi", "client_id", "c".repeat(4000))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path("client_id").get(0).asString())
                .contains("at most 255");
        assertThat(jdbc.sql("select count(*) from message where conversation_id = ?")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(sendAsClient(conversation, alice, "c".repeat(255))).isPositive();
    }

    private long sendWithKey(TestUser from, TestUser to, String key) throws Exception {
        Reply sent = api.call(
                "POST",
                "/api/messages/",
                from,
                "{\"content\": \"keyed\", \"recipient_id\": " + to.id() + "}",
                Map.of("Idempotency-Key", key));
        assertThat(sent.status()).isEqualTo(201);
        return sent.body().path("id").asLong();
    }

    /** A chat_message with a client_id, as realtime-service carries it out. */
    private long sendAsClient(long conversation, TestUser from, String clientId) throws Exception {
        Reply sent = api.withToken(
                "POST",
                "/internal/conversations/" + conversation + "/messages",
                TestTokens.service("realtime-service"),
                json.writeValueAsString(Map.of(
                        "user_id", from.id(), "is_staff", false, "content", "from a socket", "client_id", clientId)));
        assertThat(sent.status()).as(sent.body().toString()).isBetween(200, 201);
        return sent.body().path("id").asLong();
    }
}
