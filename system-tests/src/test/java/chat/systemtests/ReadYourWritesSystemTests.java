package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import chat.testsupport.SampleFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Read your own writes (spec B.17, ADR 0009): once a change has answered 2xx, the same user's very
 * next read reflects it, with no waiting in between, under concurrent load too. The previews and
 * a message's attachments are projections fed by events; without the write-through these reads
 * lag the change about one time in three.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class ReadYourWritesSystemTests {

    static final int SENDERS = 8;
    static final int ROUNDS = 25;
    static Api api;
    Member alice;
    Member bob;

    @BeforeAll
    static void connect() {
        api = new Api(SharedStack.get());
    }

    @BeforeEach
    void cast() throws Exception {
        alice = api.register("alice", false);
        bob = api.register("bob", false);
    }

    @Test
    void theSendersNextListShowsEachMessageFirstUnderConcurrentSends() throws Exception {
        List<String> lags = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Member sender = api.register("sender", false);
            // two partners, so that the conversation written to moves to the top of the list each round
            List<Member> partners = List.of(api.register("partner", false), api.register("partner", false));
            senders.add(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    JsonNode sent = api.send(sender, partners.get(round % 2), "round " + round);
                    JsonNode first = conversations(sender).path(0);
                    if (first.isMissingNode()
                            || first.path("id").asLong()
                                    != sent.path("conversation").asLong()
                            || first.path("last_message").path("id").asLong()
                                    != sent.path("id").asLong()) {
                        lags.add("message " + sent.path("id") + " of conversation " + sent.path("conversation")
                                + ", list starts with conversation " + first.path("id") + " whose last message is "
                                + first.path("last_message").path("id"));
                    }
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            for (Future<Void> sender : pool.invokeAll(senders)) {
                sender.get();
            }
        }
        assertThat(lags)
                .as("lists that lagged the sender's own message, of " + SENDERS * ROUNDS)
                .isEmpty();
    }

    @Test
    void theEditorsNextListShowsTheEditedContent() throws Exception {
        for (int round = 0; round < 20; round++) {
            long message = api.send(alice, bob, "draft " + round).path("id").asLong();
            Reply edited = api.call(
                    "PATCH", "/api/messages/" + message + "/", alice, "{\"content\": \"final " + round + "\"}");
            assertThat(edited.status()).isEqualTo(200);

            JsonNode last = conversations(alice).path(0).path("last_message");
            assertThat(last.path("id").asLong()).isEqualTo(message);
            assertThat(last.path("content").asString()).isEqualTo("final " + round);
            assertThat(last.path("is_edited").asBoolean()).isTrue();
        }
    }

    @Test
    void theDeletersNextListShowsTheMessageDeleted() throws Exception {
        for (int round = 0; round < 20; round++) {
            long message = api.send(alice, bob, "oops " + round).path("id").asLong();
            assertThat(api.call("DELETE", "/api/messages/" + message + "/", alice, null)
                            .status())
                    .isEqualTo(204);

            JsonNode last = conversations(alice).path(0).path("last_message");
            assertThat(last.path("id").asLong()).isEqualTo(message);
            assertThat(last.path("is_deleted").asBoolean()).isTrue();
            assertThat(last.path("content").asString()).isEmpty();
        }
    }

    @Test
    void theReadersNextListCountsNothingUnreadOnceTheyMarkedItRead() throws Exception {
        for (int round = 0; round < 20; round++) {
            JsonNode sent = api.send(bob, alice, "read me " + round);
            long conversation = sent.path("conversation").asLong();
            Reply read = api.call(
                    "POST",
                    "/api/conversations/" + conversation + "/read/",
                    alice,
                    "{\"up_to\": " + sent.path("id").asLong() + "}");
            assertThat(read.status()).isEqualTo(200);

            JsonNode forAlice = conversations(alice).path(0);
            assertThat(forAlice.path("id").asLong()).isEqualTo(conversation);
            assertThat(forAlice.path("unread_count").asLong())
                    .as("round " + round)
                    .isZero();
            assertThat(forAlice.path("last_message").path("is_read").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void theUploadersNextReadOfTheMessageShowsTheFile() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonNode sent = api.send(alice, bob, "with a picture " + round);
            long message = sent.path("id").asLong();
            Reply uploaded = api.upload(
                    "/api/conversations/" + sent.path("conversation").asLong() + "/messages/" + message
                            + "/attachments/",
                    alice,
                    "photo.png",
                    SampleFiles.png());
            assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);

            JsonNode read = api.get("/api/messages/" + message + "/", alice).body();
            List<Long> attachments = new ArrayList<>();
            read.path("attachments").forEach(a -> attachments.add(a.path("id").asLong()));
            assertThat(attachments)
                    .as("round " + round)
                    .containsExactly(uploaded.body().path("id").asLong());
            JsonNode preview = conversations(alice).path(0).path("last_message");
            assertThat(preview.path("id").asLong()).isEqualTo(message);
            assertThat(preview.path("attachments")).hasSize(1);
        }
    }

    private static JsonNode conversations(Member as) throws Exception {
        Reply list = api.get("/api/conversations/", as);
        assertThat(list.status()).isEqualTo(200);
        return list.body();
    }
}
