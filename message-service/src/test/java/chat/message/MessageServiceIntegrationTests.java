package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import chat.common.events.EventRetention;
import chat.common.events.Topics;
import chat.common.internal.InternalApiClients;
import chat.testsupport.ChatInfrastructure;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.StandardServiceChecks;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class MessageServiceIntegrationTests extends StandardServiceChecks {

    @Autowired
    EventRetention retention;

    @Autowired
    InternalApiClients internalApis;

    static final FakeConversationService CONVERSATIONS = new FakeConversationService();

    @DynamicPropertySource
    static void conversationService(DynamicPropertyRegistry registry) {
        registry.add("chat.conversation-service.url", CONVERSATIONS::uri);
        // Kafka only: the events reach their consumers without any write-through
        // (WriteThroughIntegrationTests covers it)
        registry.add("chat.events.write-through.[chat.message.v1]", () -> "");
    }

    @AfterAll
    static void stopFake() {
        CONVERSATIONS.close();
    }

    // ---- sending (spec A.3.2, B.7)

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
        assertThat(get("/api/messages/" + sent.body().path("id").asLong() + "/", bob)
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
        Reply first = call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));
        Reply retry = call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));

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

        Reply sent = call("POST", "/api/conversations/" + conversation + "/messages/", bob, "{\"content\": \"by id\"}");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.body().path("conversation").asLong()).isEqualTo(conversation);

        assertThat(call(
                                "POST",
                                "/api/conversations/" + conversation + "/messages/",
                                Users.fresh("mallory"),
                                "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
        Reply staff =
                call("POST", "/api/conversations/" + conversation + "/messages/", admin(), "{\"content\": \"x\"}");
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.body().path("detail").asString()).isNotBlank();
        assertThat(call("POST", "/api/conversations/" + conversation + "/messages/", alice, "{\"content\": \"\"}")
                        .status())
                .isEqualTo(400);
        assertThat(call("POST", "/api/conversations/99999999/messages/", alice, "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
    }

    // ---- history (spec B.8)

    @Test
    void pagesHistoryNewestFirstWithAbsoluteLinksOnThePublicAddress() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        for (int i = 1; i <= 25; i++) {
            call("POST", "/api/conversations/" + conversation + "/messages/", alice, "{\"content\": \"m" + i + "\"}");
        }
        HttpResponse<String> raw = http.send(
                HttpRequest.newBuilder(uri("/api/conversations/" + conversation + "/messages/"))
                        .header("Authorization", "Bearer " + TestTokens.of(bob))
                        .header("X-Forwarded-Host", "chat.example.com")
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Port", "443")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode first = json.readTree(raw.body());
        assertThat(first.path("count").asLong()).isEqualTo(26);
        assertThat(first.path("results")).hasSize(20);
        assertThat(first.path("results").get(0).path("content").asString()).isEqualTo("m25");
        assertThat(first.path("next").asString())
                .startsWith("https://chat.example.com/api/conversations/" + conversation + "/messages/")
                .contains("page=2");
        assertThat(first.path("previous").isNull()).isTrue();

        JsonNode second = history(conversation, bob, "?page=2").body();
        assertThat(second.path("results")).hasSize(6);
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(second.path("previous").asString()).contains("page=1");

        assertThat(history(conversation, bob, "?page_size=500").body().path("results"))
                .hasSize(26);
        Reply past = history(conversation, bob, "?page=3");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.body().path("detail").asString()).isEqualTo("Invalid page.");
        assertThat(history(conversation, bob, "?page=0").status()).isEqualTo(404);
        assertThat(history(conversation, bob, "?page=x").status()).isEqualTo(404);
    }

    @Test
    void pagesHistoryByIdCursorsStableWhileMessagesArrive() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(call(
                            "POST",
                            "/api/conversations/" + conversation + "/messages/",
                            alice,
                            "{\"content\": \"c" + i + "\"}")
                    .body()
                    .path("id")
                    .asLong());
        }
        JsonNode older = history(conversation, bob, "?before=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(older.path("results").findValuesAsString("content")).containsExactly("c5", "c4", "c3");
        assertThat(older.path("next").asString()).contains("before=" + ids.get(2));
        assertThat(older.path("previous").asString()).contains("after=" + ids.get(4));

        call("POST", "/api/conversations/" + conversation + "/messages/", alice, "{\"content\": \"late\"}");
        JsonNode again = history(conversation, bob, "?before=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(again.path("results").findValuesAsString("content")).containsExactly("c5", "c4", "c3");

        JsonNode newer = history(conversation, bob, "?after=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(newer.path("results").findValuesAsString("content")).containsExactly("c9", "c8", "c7");
        assertThat(history(conversation, bob, "?before=abc").status()).isEqualTo(400);

        // scrolled past the oldest message (the one that started the conversation, before c1): an
        // empty page that leads back, not a 500
        JsonNode first = history(conversation, bob, "?before=" + ids.getFirst()).body();
        long oldest = first.path("results").get(0).path("id").asLong();
        Reply pastTheStart = history(conversation, bob, "?before=" + oldest + "&page_size=3");
        assertThat(pastTheStart.status()).isEqualTo(200);
        assertThat(pastTheStart.body().path("results")).isEmpty();
        assertThat(pastTheStart.body().path("next").isNull()).isTrue();
        assertThat(pastTheStart.body().path("previous").asString()).contains("after=" + (oldest - 1));
        JsonNode backAgain = history(conversation, bob, "?after=" + (oldest - 1) + "&page_size=3")
                .body();
        assertThat(backAgain.path("results").get(2).path("id").asLong()).isEqualTo(oldest);
        assertThat(backAgain.path("results").findValuesAsString("content")).startsWith("c2", "c1");
    }

    @Test
    void showsHistoryToParticipantsAndStaffOnly() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        assertThat(history(conversation, bob, "").status()).isEqualTo(200);
        assertThat(history(conversation, admin(), "").status()).isEqualTo(200);
        Reply outsider = history(conversation, Users.fresh("mallory"), "");
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.body().path("detail").asString()).isEqualTo("Not found.");
        assertThat(history(99999999, alice, "").status()).isEqualTo(404);
    }

    // ---- one message (spec B.9, B.10)

    @Test
    void letsTheSenderAndStaffEditAndNobodyElse() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "first");

        Reply edited = call(
                "PATCH",
                "/api/messages/" + id + "/",
                alice,
                "{\"content\": \"second\", \"sender\": 1, \"is_deleted\": true, \"id\": 5}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("content").asString()).isEqualTo("second");
        assertThat(edited.body().path("is_edited").asBoolean()).isTrue();
        assertThat(edited.body().path("is_deleted").asBoolean()).isFalse();
        assertThat(edited.body().path("id").asLong()).isEqualTo(id);

        Reply put = call("PUT", "/api/messages/" + id + "/", alice, "{\"content\": \"third\"}");
        assertThat(put.body().path("content").asString()).isEqualTo("third");
        assertThat(call("PUT", "/api/messages/" + id + "/", alice, "{\"is_read\": true}")
                        .status())
                .isEqualTo(400);

        Reply byOther = call("PATCH", "/api/messages/" + id + "/", bob, "{\"content\": \"mine now\"}");
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.body().path("detail").asString()).isNotBlank();
        assertThat(call("PATCH", "/api/messages/" + id + "/", Users.fresh("mallory"), "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
        Reply byStaff = call("PATCH", "/api/messages/" + id + "/", admin(), "{\"content\": \"moderated\"}");
        assertThat(byStaff.status()).isEqualTo(200);
        assertThat(byStaff.body().path("content").asString()).isEqualTo("moderated");
        assertThat(call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \" \"}")
                        .status())
                .isEqualTo(400);
        assertThat(get("/api/messages/" + id + "/", bob).body().path("content").asString())
                .isEqualTo("moderated");
    }

    @Test
    void letsOnlyTheRecipientMarkAMessageRead() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "read me");

        Reply bySender = call("PATCH", "/api/messages/" + id + "/", alice, "{\"is_read\": true}");
        assertThat(bySender.status()).isEqualTo(200);
        assertThat(bySender.body().path("is_read").asBoolean()).isFalse();

        Reply byRecipient = call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": true}");
        assertThat(byRecipient.status()).isEqualTo(200);
        assertThat(byRecipient.body().path("is_read").asBoolean()).isTrue();
        assertThat(call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": \"yes\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void softDeletesForTheSenderAndStaffKeepingTheMessageInLists() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "secret");
        long other = messageFrom(alice, bob, "other");

        assertThat(call("DELETE", "/api/messages/" + id + "/", bob, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/messages/" + id + "/", Users.fresh("mallory"), null)
                        .status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/messages/" + id + "/", alice, null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/api/messages/" + id + "/", alice, null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/api/messages/" + other + "/", admin(), null).status())
                .isEqualTo(204);

        JsonNode deleted = get("/api/messages/" + id + "/", bob).body();
        assertThat(deleted.path("is_deleted").asBoolean()).isTrue();
        assertThat(deleted.path("content").asString()).isEmpty();
        assertThat(deleted.path("attachments")).isEmpty();
        long conversation = deleted.path("conversation").asLong();
        assertThat(history(conversation, bob, "").body().path("results").findValuesAsString("content"))
                .containsOnly("");
        Reply edit = call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"back\"}");
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body().path("detail").asString()).contains("deleted");
    }

    @Test
    void showsAMessageToParticipantsAndStaffOnly() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "hi");
        assertThat(get("/api/messages/" + id + "/", alice).status()).isEqualTo(200);
        assertThat(get("/api/messages/" + id + "/", bob).status()).isEqualTo(200);
        assertThat(get("/api/messages/" + id + "/", admin()).status()).isEqualTo(200);
        assertThat(get("/api/messages/" + id + "/", Users.fresh("mallory")).status())
                .isEqualTo(404);
        assertThat(get("/api/messages/" + id, alice).status()).isEqualTo(200);
        assertThat(get("/api/messages/abc/", alice).status()).isEqualTo(404);
    }

    // ---- read state (spec B.12)

    @Test
    void marksEverythingUpToAnIdReadForTheRecipient() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long first = messageFrom(alice, bob, "1");
        long second = messageFrom(alice, bob, "2");
        long third = messageFrom(alice, bob, "3");
        long conversation = get("/api/messages/" + first + "/", alice)
                .body()
                .path("conversation")
                .asLong();

        Reply read = call("POST", "/api/conversations/" + conversation + "/read/", bob, "{\"up_to\": " + second + "}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("marked_read").asInt()).isEqualTo(2);
        assertThat(get("/api/messages/" + second + "/", alice)
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isTrue();
        assertThat(get("/api/messages/" + third + "/", alice)
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isFalse();

        assertThat(call("POST", "/api/conversations/" + conversation + "/read/", bob, "{}")
                        .status())
                .isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/api/conversations/" + conversation + "/read/",
                                Users.fresh("mallory"),
                                "{\"up_to\": 1}")
                        .status())
                .isEqualTo(404);
        assertThat(call("POST", "/api/conversations/" + conversation + "/read/", admin(), "{\"up_to\": 1}")
                        .status())
                .isEqualTo(403);
    }

    // ---- events (spec B.16)

    @Test
    void announcesEveryChangeWithAGaplessSeqByTheSchema() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "one");
        long conversation = get("/api/messages/" + id + "/", alice)
                .body()
                .path("conversation")
                .asLong();
        call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"two\"}");
        call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": true}");
        call("DELETE", "/api/messages/" + id + "/", alice, null);
        call("DELETE", "/api/messages/" + id + "/", alice, null);

        List<JsonNode> events = KafkaTopics.valuesOf(Topics.MESSAGES, Long.toString(conversation), 4).stream()
                .map(json::readTree)
                .toList();
        assertThat(events)
                .extracting(e -> e.path("type").asString())
                .containsExactly(
                        "chat.message.created", "chat.message.edited", "chat.message.read", "chat.message.deleted");
        assertThat(events).extracting(e -> e.path("data").path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(e -> e.path("id").asString()).doesNotHaveDuplicates();
        for (JsonNode event : events) {
            EventSchemas.assertMatchesSchema(event.toString());
        }

        Reply replay = call(
                "GET",
                "/internal/conversations/" + conversation + "/events?after_seq=2",
                null,
                null,
                Map.of("Authorization", "Bearer " + TestTokens.service("realtime-service")));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("last_seq").asLong()).isEqualTo(4);
        assertThat(replay.body().path("events").findValues("seq").stream().map(JsonNode::asLong))
                .containsExactly(3L, 4L);
        assertThat(call("GET", "/internal/conversations/" + conversation + "/events?after_seq=0", alice, null)
                        .status())
                .isEqualTo(403);

        // once the outbox's retention has removed the published events, a replay says so
        jdbc.sql("delete from outbox_event where record_key = ? and published_at is not null")
                .param(Long.toString(conversation))
                .update();
        Reply gone = call(
                "GET",
                "/internal/conversations/" + conversation + "/events?after_seq=0",
                null,
                null,
                Map.of("Authorization", "Bearer " + TestTokens.service("realtime-service")));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().path("detail").asString()).contains("reload");
    }

    @Test
    void removesPublishedEventsPastTheReplayWindowAndProcessedIdsPastAnyRedelivery() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long old = send(alice, "{\"content\": \"long ago\", \"recipient_id\": " + bob.id() + "}")
                .body()
                .path("conversation")
                .asLong();
        TestUser carol = known(Users.fresh("carol"));
        long recent = send(alice, "{\"content\": \"just now\", \"recipient_id\": " + carol.id() + "}")
                .body()
                .path("conversation")
                .asLong();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from outbox_event where record_key in (?, ?)"
                                        + " and published_at is null")
                                .params(Long.toString(old), Long.toString(recent))
                                .query(Long.class)
                                .single()
                        == 0);
        jdbc.sql("update outbox_event set published_at = now() - interval '8 days' where record_key = ?")
                .param(Long.toString(old))
                .update();
        UUID oldId = UUID.randomUUID();
        UUID recentId = UUID.randomUUID();
        jdbc.sql("insert into processed_event (event_id, processed_at) values (?, now() - interval '15 days'),"
                        + " (?, now() - interval '13 days')")
                .params(oldId, recentId)
                .update();

        retention.removeExpired();

        assertThat(outboxCount(old)).isZero();
        assertThat(outboxCount(recent)).isPositive();
        assertThat(jdbc.sql("select event_id from processed_event where event_id in (?, ?)")
                        .params(oldId, recentId)
                        .query(UUID.class)
                        .list())
                .containsExactly(recentId);
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
        assertThat(get("/api/messages/" + byOldClientId + "/", alice).status()).isEqualTo(200);
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
        Reply refused = call(
                "POST",
                "/internal/conversations/" + conversation + "/messages",
                null,
                json.writeValueAsString(Map.of(
                        "user_id", alice.id(), "is_staff", false, "content", "hi", "client_id", "c".repeat(4000))),
                Map.of("Authorization", "Bearer " + TestTokens.service("realtime-service")));
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
        Reply sent = call(
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
        Reply sent = call(
                "POST",
                "/internal/conversations/" + conversation + "/messages",
                null,
                json.writeValueAsString(Map.of(
                        "user_id", from.id(), "is_staff", false, "content", "from a socket", "client_id", clientId)),
                Map.of("Authorization", "Bearer " + TestTokens.service("realtime-service")));
        assertThat(sent.status()).as(sent.body().toString()).isBetween(200, 201);
        return sent.body().path("id").asLong();
    }

    @Test
    void givesUpOnAnInternalApiThatDoesNotAnswer() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts the connection (the backlog does) and never answers a byte
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> internalApis
                    .to(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .get()
                    .uri("/internal/conversations/1")
                    .retrieve()
                    .toBodilessEntity());
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOf(ResourceAccessException.class);
            assertThat(waited).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(10));
        }
    }

    private long outboxCount(long conversation) {
        return jdbc.sql("select count(*) from outbox_event where record_key = ?")
                .param(Long.toString(conversation))
                .query(Long.class)
                .single();
    }

    // ---- attachments (spec B.11)

    @Test
    void rendersAttachmentsFromTheirEventsWithSignedLinksAndHidesThemOnceDeleted() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "with a file");
        long conversation = get("/api/messages/" + id + "/", alice)
                .body()
                .path("conversation")
                .asLong();
        ObjectNode event = (ObjectNode) json.readTree(EventSchemas.example("chat.attachment.added"));
        event.put("id", UUID.randomUUID().toString()).put("subject", Long.toString(conversation));
        ((ObjectNode) event.path("data")).put("conversation", conversation).put("message", id);
        ((ObjectNode) event.path("data").path("attachment")).put("id", id).put("message", id);
        EventSchemas.assertMatchesSchema(event.toString());
        KafkaTopics.publish(Topics.ATTACHMENTS, Long.toString(conversation), event.toString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode files = get("/api/messages/" + id + "/", bob).body().path("attachments");
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

        call("DELETE", "/api/messages/" + id + "/", alice, null);
        assertThat(get("/api/messages/" + id + "/", bob).body().path("attachments"))
                .isEmpty();
    }

    // ---- what is not JSON, or not a request Tomcat can read (spec B.4)

    @ParameterizedTest
    @CsvSource({
        "POST, /api/messages/, */*",
        "POST, /api/messages/, application/*",
        "POST, /api/messages/, application/x-www-form-urlencoded",
        "POST, /api/messages/, text/plain",
        "POST, /api/conversations/{c}/messages/, */*",
        "POST, /api/conversations/{c}/messages/, application/x-www-form-urlencoded",
        "PATCH, /api/messages/{m}/, */*",
        "PATCH, /api/messages/{m}/, application/x-www-form-urlencoded",
        "PUT, /api/messages/{m}/, application/x-www-form-urlencoded",
        "POST, /api/conversations/{c}/read/, */*"
    })
    void refusesABodyThatIsNotJsonWith415NamingJson(String method, String path, String type) throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long message = messageFrom(alice, bob, "hello");
        long conversation = conversationOf(alice, bob);
        String body = type.contains("form")
                ? "content=x&recipient_id=2"
                : "{\"content\": \"x\", \"recipient_id\": " + bob.id() + "}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path.replace("{c}", Long.toString(conversation))
                                .replace("{m}", Long.toString(message))))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .header("Authorization", "Bearer " + TestTokens.of(alice))
                        .header("Content-Type", type)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(response.body()).path("detail").asString())
                .contains(type)
                .endsWith("send the body as application/json.");
        assertThat(get("/api/messages/" + message + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=x", "multipart/form-data", "multipart/form-data; boundary="})
    void answersAMultipartBodyItCannotReadWith400AndStoresNothing(String type) throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long message = messageFrom(alice, bob, "hello");
        String body = "--x\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhi";
        RawAnswer answer =
                raw("PUT /api/messages/" + message + "/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestTokens.of(alice) + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("multipart");
        assertThat(get("/api/messages/" + message + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("hello");
    }

    @Test
    void refusesAPageNoStoreCanReachAsInvalid() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        for (String query :
                List.of("?page=2000000000", "?page=2147483647&page_size=100", "?page=2147483647&page_size=1")) {
            Reply past = history(conversation, alice, query);
            assertThat(past.status()).as(query).isEqualTo(404);
            assertThat(past.body().path("detail").asString()).as(query).isEqualTo("Invalid page.");
        }
    }

    @Test
    void acceptsSquareBracketsInTheQueryAndIgnoresTheUnknownParameter() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        RawAnswer answer = raw("GET /api/conversations/" + conversation + "/messages/?page[]=1&x[a]=2 HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TestTokens.of(alice) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).path("count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?a=|", "?a={}", "?a=%22<x>%22^", "?a=\\"})
    void answersWhatTomcatRefusesWithTheProblemBody(String query) throws Exception {
        RawAnswer answer = raw("GET /api/conversations/1/messages/" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("percent-encoded");
    }

    @Test
    void answersAnUndecodableQueryWith400() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        RawAnswer answer = raw("GET /api/conversations/" + conversation + "/messages/?page=%zz HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TestTokens.of(alice) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("percent-encoded");
    }

    /** A request as bytes on a socket: {@code HttpClient} will not send an unencoded '|' or '['. */
    private RawAnswer raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    record RawAnswer(int status, String head, String body) {}

    // ---- helpers

    private static TestUser admin() {
        return new TestUser(999_999, "admin", true);
    }

    /** A user this service's directory knows: their own first request puts them there. */
    private TestUser known(TestUser user) throws Exception {
        get("/api/messages/0/", user);
        return user;
    }

    private long conversationOf(TestUser a, TestUser b) throws Exception {
        known(b);
        Reply first = send(a, "{\"content\": \"hello\", \"recipient_id\": " + b.id() + "}");
        return first.body().path("conversation").asLong();
    }

    private long messageFrom(TestUser sender, TestUser recipient, String content) throws Exception {
        known(recipient);
        return send(sender, json.writeValueAsString(Map.of("content", content, "recipient_id", recipient.id())))
                .body()
                .path("id")
                .asLong();
    }

    private Reply send(TestUser sender, String body) throws Exception {
        return call("POST", "/api/messages/", sender, body);
    }

    private Reply history(long conversation, TestUser user, String query) throws Exception {
        return get("/api/conversations/" + conversation + "/messages/" + query, user);
    }

    private Reply get(String path, TestUser user) throws Exception {
        return call("GET", path, user, null);
    }

    private Reply call(String method, String path, TestUser user, String body) throws Exception {
        return call(method, path, user, body, Map.of());
    }

    private Reply call(String method, String path, TestUser user, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(user));
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Reply(response.statusCode(), json.readTree(text == null || text.isBlank() ? "{}" : text));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    record Reply(int status, JsonNode body) {}
}
