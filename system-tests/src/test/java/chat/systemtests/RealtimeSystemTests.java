package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** A conversation's WebSocket through the gateway (spec A.5, B.13–B.15): changes made over REST, live. */
@ExtendWith(SharedStack.class)
@Order(1)
class RealtimeSystemTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration PING_INTERVAL = RunningStack.PING_INTERVAL;
    static Api api;
    static RunningStack stack;

    @BeforeAll
    static void connect() {
        stack = SharedStack.get();
        api = new Api(stack);
    }

    @Test
    void pushesEveryChangeMadeOverRestToEverySocketOfTheConversationInSeqOrder() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        Member admin = api.register("admin", true);
        long conversation =
                api.send(alice, bob, "before the sockets").path("conversation").asLong();
        // since_seq (here: the first message's) makes the socket miss nothing since that REST read
        String path = "/ws/chat/" + conversation + "/?since_seq=1";

        try (Socket byQuery = Socket.open(stack, path + "&access_token=" + alice.token(), Map.of());
                Socket byCookie = Socket.open(stack, path, Map.of("Cookie", "access_token=" + bob.token()));
                Socket byHeader = Socket.open(stack, path, Map.of("Authorization", "Bearer " + admin.token()))) {
            long id = api.send(alice, bob, "live!").path("id").asLong();
            api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"edited live\"}");
            api.call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": true}");
            api.call("DELETE", "/api/messages/" + id + "/", alice, null);

            for (Socket socket : List.of(byQuery, byCookie, byHeader)) {
                JsonNode created = socket.next(WAIT);
                assertThat(created).isNotNull();
                assertThat(created.path("type").asString()).isEqualTo("new_message");
                assertThat(created.path("message").path("id").asLong()).isEqualTo(id);
                assertThat(created.path("message").path("content").asString()).isEqualTo("live!");
                assertThat(created.path("message")
                                .path("sender")
                                .path("username")
                                .asString())
                        .isEqualTo(alice.username());
                assertThat(created.path("message").has("attachments")).isFalse();
                assertThat(created.path("message").path("timestamp").asString()).isNotBlank();

                JsonNode edited = socket.next(WAIT);
                assertThat(edited.path("type").asString()).isEqualTo("message_edited");
                assertThat(edited.path("message").path("content").asString()).isEqualTo("edited live");
                JsonNode read = socket.next(WAIT);
                assertThat(read.path("type").asString()).isEqualTo("message_read");
                JsonNode deleted = socket.next(WAIT);
                assertThat(deleted.path("type").asString()).isEqualTo("message_deleted");
                assertThat(deleted.path("message_id").asLong()).isEqualTo(id);

                long seq = created.path("seq").asLong();
                assertThat(List.of(edited, read, deleted))
                        .extracting(e -> e.path("seq").asLong())
                        .containsExactly(seq + 1, seq + 2, seq + 3);
            }
        }
    }

    /**
     * The gateway opens the browser's socket only once realtime-service has admitted it, so an
     * event sent right after the socket opened is never lost, with no since_seq at all.
     */
    @Test
    void hearsAChangeMadeTheMomentTheSocketOpened() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "before").path("conversation").asLong();
        for (int i = 0; i < 10; i++) {
            try (Socket socket =
                    Socket.open(stack, "/ws/chat/" + conversation + "/?access_token=" + bob.token(), Map.of())) {
                api.send(alice, bob, "right away " + i);
                JsonNode event = socket.next(WAIT);
                assertThat(event).as("attempt %d", i).isNotNull();
                assertThat(event.path("message").path("content").asString()).isEqualTo("right away " + i);
            }
        }
    }

    @Test
    void carriesOutClientEventsForTheSocketsUser() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "hello").path("conversation").asLong();
        long elsewhere =
                api.send(bob, api.register("carol", false), "other").path("id").asLong();
        String path = "/ws/chat/" + conversation + "/?since_seq=1";
        try (Socket aliceSocket = Socket.open(stack, path + "&access_token=" + alice.token(), Map.of());
                Socket bobSocket = Socket.open(stack, path + "&access_token=" + bob.token(), Map.of())) {
            aliceSocket.send("{\"type\": \"chat_message\", \"content\": \"over the socket\", \"client_id\": \"c-1\"}");
            aliceSocket.send("{\"type\": \"chat_message\", \"content\": \"over the socket\", \"client_id\": \"c-1\"}");
            JsonNode created = bobSocket.next(WAIT);
            assertThat(created.path("type").asString()).isEqualTo("new_message");
            assertThat(created.path("message").path("content").asString()).isEqualTo("over the socket");
            assertThat(created.path("client_id").asString()).isEqualTo("c-1");
            assertThat(aliceSocket.next(WAIT).path("client_id").asString()).isEqualTo("c-1");
            long id = created.path("message").path("id").asLong();

            // someone else's message, a message of another conversation, a blank edit: ignored
            bobSocket.send("{\"type\": \"edit_message\", \"message_id\": " + id + ", \"content\": \"hijacked\"}");
            bobSocket.send("{\"type\": \"delete_message\", \"message_id\": " + elsewhere + "}");
            aliceSocket.send("{\"type\": \"edit_message\", \"message_id\": " + id + ", \"content\": \" \"}");
            aliceSocket.send("{\"type\": \"edit_message\", \"message_id\": \"" + id + "\", \"content\": \"x\"}");
            aliceSocket.send("{\"type\": \"edit_message\", \"message_id\": " + id
                    + ", \"content\": \"edited over the socket\"}");
            JsonNode edited = bobSocket.next(WAIT);
            assertThat(edited.path("type").asString()).isEqualTo("message_edited");
            assertThat(edited.path("message").path("content").asString()).isEqualTo("edited over the socket");

            aliceSocket.send("{\"type\": \"delete_message\", \"message_id\": " + id + "}");
            JsonNode deleted = bobSocket.next(WAIT);
            assertThat(deleted.path("type").asString()).isEqualTo("message_deleted");
            assertThat(deleted.path("seq").asLong())
                    .isEqualTo(edited.path("seq").asLong() + 1);

            assertThat(api.get("/api/conversations/" + conversation + "/messages/", alice)
                            .body()
                            .path("count")
                            .asLong())
                    .isEqualTo(2);
            assertThat(api.get("/api/messages/" + elsewhere + "/", bob)
                            .body()
                            .path("is_deleted")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void resumesAfterAForcedDisconnectWithEveryMessageExactlyOnceInOrder() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "start").path("conversation").asLong();
        String path = "/ws/chat/" + conversation + "/?access_token=" + bob.token();
        List<String> received = new java.util.ArrayList<>();
        // from the first message on: nothing sent while the connection is being made is lost
        long lastSeq;
        java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> sending;
        try (Socket first = Socket.open(stack, path + "&since_seq=1", Map.of())) {
            sending = sender.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    api.call(
                            "POST",
                            "/api/conversations/" + conversation + "/messages/",
                            alice,
                            "{\"content\": \"m" + i + "\"}");
                }
                return null;
            });
            JsonNode event = null;
            while (received.size() < 40) {
                event = first.next(WAIT);
                assertThat(event).isNotNull();
                received.add(event.path("message").path("content").asString());
            }
            lastSeq = event.path("seq").asLong();
        } // closed by force (abort), mid-stream
        try (Socket resumed = Socket.open(stack, path + "&since_seq=" + lastSeq, Map.of())) {
            while (received.size() < 200) {
                JsonNode event = resumed.next(WAIT);
                assertThat(event).as("after %d messages", received.size()).isNotNull();
                assertThat(event.path("seq").asLong()).isEqualTo(++lastSeq);
                received.add(event.path("message").path("content").asString());
            }
            sending.get();
            assertThat(resumed.next(Duration.ofMillis(500))).isNull();
        } finally {
            sender.shutdownNow();
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("m" + i);
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void asksForAResyncWhenTheMissedEventsAreNoLongerKept() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "one").path("conversation").asLong();
        api.send(alice, bob, "two");
        // the outbox's retention has passed for this conversation's published events
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> expire(conversation) > 0);

        try (Socket resumed = Socket.open(
                stack, "/ws/chat/" + conversation + "/?access_token=" + bob.token() + "&since_seq=0", Map.of())) {
            assertThat(resumed.next(WAIT).path("type").asString()).isEqualTo("resync_required");
            api.send(alice, bob, "three");
            JsonNode live = resumed.next(WAIT);
            assertThat(live.path("message").path("content").asString()).isEqualTo("three");
            assertThat(live.path("seq").asLong()).isEqualTo(3);
        }
    }

    /** Removes a conversation's published events from message-service's outbox; how many. */
    private static int expire(long conversation) throws Exception {
        try (var db = java.sql.DriverManager.getConnection(stack.jdbcUrl("message"), "postgres", "");
                var delete = db.prepareStatement(
                        "delete from outbox_event where record_key = ? and published_at is not null")) {
            delete.setString(1, Long.toString(conversation));
            return delete.executeUpdate();
        }
    }

    @Test
    void passesTypingOnToTheOthersRateLimitedAndExpiring() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "hi").path("conversation").asLong();
        // no since_seq: a resuming socket drops typing until it has caught up
        String path = "/ws/chat/" + conversation + "/?access_token=";
        try (Socket aliceSocket = Socket.open(stack, path + alice.token(), Map.of());
                Socket bobSocket = Socket.open(stack, path + bob.token(), Map.of())) {
            aliceSocket.send("{\"type\": \"typing\", \"is_typing\": true}");
            JsonNode typing = bobSocket.next(WAIT);
            assertThat(typing.path("type").asString()).isEqualTo("user_typing");
            assertThat(typing.path("is_typing").asBoolean()).isTrue();
            assertThat(typing.path("user").path("id").asLong()).isEqualTo(alice.id());
            assertThat(typing.path("user").path("username").asString()).isEqualTo(alice.username());

            aliceSocket.send("{\"type\": \"typing\", \"is_typing\": true}"); // too soon: dropped
            aliceSocket.send("{\"type\": \"typing\", \"is_typing\": \"yes\"}"); // invalid: ignored
            long renewedAt = System.nanoTime();
            JsonNode expired = bobSocket.next(Duration.ofSeconds(10));
            assertThat(expired.path("type").asString()).isEqualTo("user_typing");
            assertThat(expired.path("is_typing").asBoolean()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - renewedAt)).isGreaterThan(Duration.ofSeconds(4));
            assertThat(aliceSocket.next(Duration.ofMillis(300)))
                    .as("not echoed to the typist")
                    .isNull();

            Thread.sleep(2100);
            aliceSocket.send("{\"type\": \"typing\", \"is_typing\": true}");
            assertThat(bobSocket.next(WAIT).path("is_typing").asBoolean()).isTrue();
            aliceSocket.send("{\"type\": \"typing\", \"is_typing\": false}");
            assertThat(bobSocket.next(WAIT).path("is_typing").asBoolean()).isFalse();
        }
        List<String> published = BrokerOutageSystemTests.events(stack, "chat.typing.v1", conversation).stream()
                .map(JsonNode::toString)
                .toList();
        assertThat(published).isNotEmpty();
        published.forEach(chat.testsupport.EventSchemas::assertMatchesSchema);
    }

    @Test
    void announcesAttachmentsInTheConversationsSequence() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        JsonNode message = api.send(alice, bob, "a picture follows");
        long conversation = message.path("conversation").asLong();
        try (Socket bobSocket = Socket.open(
                stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + bob.token(), Map.of())) {
            api.upload(
                    "/api/conversations/" + conversation + "/messages/"
                            + message.path("id").asLong() + "/attachments/",
                    alice,
                    "p.png",
                    chat.testsupport.SampleFiles.png());
            JsonNode added = bobSocket.next(WAIT);
            assertThat(added.path("type").asString()).isEqualTo("attachment_added");
            assertThat(added.path("message_id").asLong())
                    .isEqualTo(message.path("id").asLong());
            assertThat(added.path("attachment").path("id").asLong()).isPositive();
            assertThat(added.path("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void ignoresInvalidClientEventsAndStaysOpen() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "hello").path("conversation").asLong();
        try (Socket socket = Socket.open(
                stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + alice.token(), Map.of())) {
            socket.send("this is not json");
            socket.send("{\"type\": \"no_such_event\"}");
            assertThat(socket.next(Duration.ofMillis(500))).isNull();
            api.send(bob, alice, "still here?");
            JsonNode event = socket.next(WAIT);
            assertThat(event.path("message").path("content").asString()).isEqualTo("still here?");
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void refusesOutsidersAndUnknownConversationsRightAfterTheUpgradeAndMissingTokensBeforeIt() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        Member mallory = api.register("mallory", false);
        long conversation = api.send(alice, bob, "private").path("conversation").asLong();

        for (String path : List.of(
                "/ws/chat/" + conversation + "/?access_token=" + mallory.token(),
                "/ws/chat/987654321/?access_token=" + alice.token())) {
            try (Socket refused = Socket.open(stack, path, Map.of())) {
                assertThat(refused.closeCode(WAIT)).as(path).isEqualTo(4403);
            }
        }
        assertThat(handshakeStatus("/ws/chat/" + conversation + "/", Map.of())).isEqualTo(401);
        assertThat(handshakeStatus("/ws/chat/" + conversation + "/?access_token=not-a-token", Map.of()))
                .isEqualTo(401);
    }

    @Test
    void admitsConfiguredFrontendOriginsOnly() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "origins").path("conversation").asLong();
        String path = "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + alice.token();
        assertThat(handshakeStatus(path, Map.of("Origin", "https://evil.example")))
                .isEqualTo(403);
        try (Socket frontend = Socket.open(stack, path, Map.of("Origin", "http://localhost:3000"))) {
            api.send(bob, alice, "from the frontend's origin");
            assertThat(frontend.next(WAIT).path("type").asString()).isEqualTo("new_message");
        }
    }

    @Test
    void aUsersStreamHearsNewConversationsAndEveryEventOfTheirsWithTheConversation() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        Member carol = api.register("carol", false);
        Member dave = api.register("dave", false);
        try (Socket aliceStream = Socket.open(stack, "/ws/chat/?access_token=" + alice.token(), Map.of());
                Socket bobStream = Socket.open(stack, "/ws/chat", Map.of("Authorization", "Bearer " + bob.token()));
                Socket daveStream = Socket.open(stack, "/ws/chat/", Map.of("Cookie", "access_token=" + dave.token()))) {

            JsonNode first = api.send(bob, alice, "the very first message");
            long withBob = first.path("conversation").asLong();
            for (Socket stream : List.of(aliceStream, bobStream)) {
                Map<String, JsonNode> byType = nextOfEachType(stream, 2);
                JsonNode created = byType.get("conversation_created");
                assertThat(created.path("conversation").asLong()).isEqualTo(withBob);
                assertThat(created.path("participants"))
                        .extracting(user -> user.path("username").asString())
                        .containsExactlyInAnyOrder(alice.username(), bob.username());
                assertThat(created.path("created_at").asString()).isNotBlank();
                JsonNode message = byType.get("new_message");
                assertThat(message.path("conversation").asLong()).isEqualTo(withBob);
                assertThat(message.path("message").path("id").asLong())
                        .isEqualTo(first.path("id").asLong());
                assertThat(message.path("seq").asLong()).isEqualTo(1);
            }

            long withCarol = api.send(carol, alice, "another conversation")
                    .path("conversation")
                    .asLong();
            Map<String, JsonNode> fromCarol = nextOfEachType(aliceStream, 2);
            assertThat(fromCarol
                            .get("conversation_created")
                            .path("conversation")
                            .asLong())
                    .isEqualTo(withCarol);
            assertThat(fromCarol.get("new_message").path("conversation").asLong())
                    .isEqualTo(withCarol);

            api.call(
                    "PATCH",
                    "/api/messages/" + first.path("id").asLong() + "/",
                    bob,
                    "{\"content\": \"edited first message\"}");
            for (Socket stream : List.of(aliceStream, bobStream)) {
                JsonNode edited = stream.next(WAIT);
                assertThat(edited.path("type").asString()).isEqualTo("message_edited");
                assertThat(edited.path("conversation").asLong()).isEqualTo(withBob);
                assertThat(edited.path("seq").asLong()).isEqualTo(2);
            }

            try (Socket bobInConversation =
                    Socket.open(stack, "/ws/chat/" + withBob + "/?since_seq=2&access_token=" + bob.token(), Map.of())) {
                assertThat(bobInConversation.awaitPing(WAIT)).isTrue();
                bobInConversation.send("{\"type\": \"typing\", \"is_typing\": true}");
                JsonNode typing = aliceStream.next(WAIT);
                assertThat(typing.path("type").asString()).isEqualTo("user_typing");
                assertThat(typing.path("conversation").asLong()).isEqualTo(withBob);
                assertThat(typing.path("user").path("id").asLong()).isEqualTo(bob.id());
            }

            // sent to a stream, client events do nothing; others' conversations never reach it
            aliceStream.send("{\"type\": \"chat_message\", \"content\": \"nowhere\"}");
            assertThat(bobStream.next(Duration.ofSeconds(1)))
                    .as("no typing echo, no stray events")
                    .isNull();
            assertThat(daveStream.next(Duration.ofMillis(200))).isNull();
            assertThat(daveStream.isOpen()).isTrue();
        }
    }

    /** The next {@code count} events, by type: their order between topics is not fixed. */
    private static Map<String, JsonNode> nextOfEachType(Socket socket, int count) throws InterruptedException {
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode event = socket.next(WAIT);
            assertThat(event)
                    .as("event %d of %d, after %s", i + 1, count, byType.keySet())
                    .isNotNull();
            byType.put(event.path("type").asString(), event);
        }
        return byType;
    }

    @Test
    void clientEventsStillWorkAfterTheHandshakeTokenExpired() throws Exception {
        Member alice = api.register("alice", Duration.ofSeconds(4));
        Member bob = api.register("bob", false);
        long conversation = api.send(bob, alice, "hello").path("conversation").asLong();
        try (Socket aliceSocket = Socket.open(
                        stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + alice.token(), Map.of());
                Socket bobSocket = Socket.open(
                        stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + bob.token(), Map.of())) {
            assertThat(aliceSocket.awaitPing(WAIT)).isTrue();
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> api.get("/api/users/me/", alice).status() == 401);

            aliceSocket.send("{\"type\": \"chat_message\", \"content\": \"still acting\", \"client_id\": \"late\"}");
            JsonNode created = bobSocket.next(WAIT);
            assertThat(created.path("type").asString()).isEqualTo("new_message");
            assertThat(created.path("client_id").asString()).isEqualTo("late");
            long id = created.path("message").path("id").asLong();
            aliceSocket.send("{\"type\": \"edit_message\", \"message_id\": " + id + ", \"content\": \"edited late\"}");
            assertThat(bobSocket.next(WAIT).path("type").asString()).isEqualTo("message_edited");
            aliceSocket.send("{\"type\": \"delete_message\", \"message_id\": " + id + "}");
            assertThat(bobSocket.next(WAIT).path("type").asString()).isEqualTo("message_deleted");
        }
    }

    @Test
    void keepsAnIdleSocketAliveWithPingsThroughTheGateway() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "idle").path("conversation").asLong();
        try (Socket idle = Socket.open(
                stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + bob.token(), Map.of())) {
            // longer than the three silent intervals after which an unanswering socket is closed
            for (int i = 0; i < 4; i++) {
                assertThat(idle.awaitPing(PING_INTERVAL.multipliedBy(2)))
                        .as("ping %d", i + 1)
                        .isTrue();
            }
            assertThat(idle.isOpen()).isTrue();
            api.send(alice, bob, "after a quiet while");
            assertThat(idle.next(WAIT).path("message").path("content").asString())
                    .isEqualTo("after a quiet while");
        }
    }

    private static int handshakeStatus(String path, Map<String, String> headers) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Socket.open(stack, path, headers));
        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("handshake refusal, got %s", failure).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }
}
