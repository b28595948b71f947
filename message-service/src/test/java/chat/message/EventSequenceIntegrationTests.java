package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.EventRetention;
import chat.common.events.Topics;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The events of every change (spec B.16): one gapless seq per conversation, a replay, retention. */
class EventSequenceIntegrationTests extends MessageApiIntegrationTest {

    @Autowired
    EventRetention retention;

    @Test
    void announcesEveryChangeWithAGaplessSeqByTheSchema() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "one");
        long conversation = conversationOfMessage(id, alice);
        api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"two\"}");
        api.call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": true}");
        api.call("DELETE", "/api/messages/" + id + "/", alice, null);
        api.call("DELETE", "/api/messages/" + id + "/", alice, null);

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

        Reply replay = api.withToken(
                "GET",
                "/internal/conversations/" + conversation + "/events?after_seq=2",
                TestTokens.service("realtime-service"),
                null);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("last_seq").asLong()).isEqualTo(4);
        assertThat(replay.body().path("events").findValues("seq").stream().map(JsonNode::asLong))
                .containsExactly(3L, 4L);
        assertThat(api.call("GET", "/internal/conversations/" + conversation + "/events?after_seq=0", alice, null)
                        .status())
                .isEqualTo(403);

        // once the outbox's retention has removed the published events, a replay says so
        jdbc.sql("delete from outbox_event where record_key = ? and published_at is not null")
                .param(Long.toString(conversation))
                .update();
        Reply gone = api.withToken(
                "GET",
                "/internal/conversations/" + conversation + "/events?after_seq=0",
                TestTokens.service("realtime-service"),
                null);
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

    private long outboxCount(long conversation) {
        return jdbc.sql("select count(*) from outbox_event where record_key = ?")
                .param(Long.toString(conversation))
                .query(Long.class)
                .single();
    }
}
