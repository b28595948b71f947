package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Conversations and messages through the gateway of a running stack, as a frontend written against
 * spec Part A uses them, each rule tried from the owner's, the other participant's, an outsider's
 * and staff's side.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class MessagingSystemTests {

    static Api api;
    Member alice;
    Member bob;
    Member mallory;
    Member admin;

    @BeforeAll
    static void connect() {
        api = new Api(SharedStack.get());
    }

    @org.junit.jupiter.api.BeforeEach
    void cast() throws Exception {
        alice = api.register("alice", false);
        bob = api.register("bob", false);
        mallory = api.register("mallory", false);
        admin = api.register("admin", true);
    }

    @Test
    void startsExactlyOneConversationWhenBothUsersSendFirstAtOnce() throws Exception {
        List<Callable<Reply>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Member from = i % 2 == 0 ? alice : bob;
            Member to = i % 2 == 0 ? bob : alice;
            String body = Api.JSON.writeValueAsString(Map.of("content", "race " + i, "recipient_id", to.id()));
            sends.add(() -> api.call("POST", "/api/messages/", from, body));
        }
        List<Reply> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Reply> reply : pool.invokeAll(sends)) {
                replies.add(reply.get());
            }
        }
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        Set<Long> conversations = replies.stream()
                .map(r -> r.body().path("conversation").asLong())
                .collect(Collectors.toSet());
        assertThat(conversations).hasSize(1);
        long conversation = conversations.iterator().next();
        assertThat(api.get("/api/conversations/" + conversation + "/messages/", alice)
                        .body()
                        .path("count")
                        .asLong())
                .isEqualTo(20);
        assertThat(api.get("/api/conversations/", alice).body().findValues("id").stream()
                        .filter(id -> id.asLong() == conversation)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void answersEveryEndpointFromEverySideAsThePermissionsSay() throws Exception {
        JsonNode first = api.send(alice, bob, "hello");
        long c = first.path("conversation").asLong();
        long m = first.path("id").asLong();
        String conversation = "/api/conversations/" + c + "/";
        String messages = conversation + "messages/";
        String message = "/api/messages/" + m + "/";

        expect("GET", conversation, null, 200, 200, 404, 200);
        expect("GET", messages, null, 200, 200, 404, 200);
        expect("GET", message, null, 200, 200, 404, 200);
        expect("PATCH", message, "{\"content\": \"edited\"}", 200, 403, 404, 200);
        expect("PUT", message, "{\"content\": \"put\"}", 200, 403, 404, 200);
        expect("POST", messages, "{\"content\": \"by id\"}", 201, 201, 404, 403);
        expect("POST", conversation + "read/", "{\"up_to\": " + m + "}", 200, 200, 404, 403);

        for (Member member : List.of(alice, bob, admin)) {
            assertThat(idsOf(api.get("/api/conversations/", member))).contains(c);
        }
        assertThat(idsOf(api.get("/api/conversations/", mallory))).doesNotContain(c);

        // only the recipient's is_read counts; everyone else's is ignored like a read-only field
        long unread = api.send(alice, bob, "unread").path("id").asLong();
        assertThat(api.call("PATCH", "/api/messages/" + unread + "/", alice, "{\"is_read\": true}")
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isFalse();
        assertThat(api.call("PATCH", "/api/messages/" + unread + "/", bob, "{\"is_read\": true}")
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isTrue();

        long moderated = api.send(alice, bob, "to moderate").path("id").asLong();
        assertThat(api.call("DELETE", "/api/messages/" + moderated + "/", bob, null)
                        .status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/messages/" + moderated + "/", mallory, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/api/messages/" + moderated + "/", admin, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", message, alice, null).status()).isEqualTo(204);
        assertThat(api.call("DELETE", message, alice, null).status()).isEqualTo(204);

        JsonNode deleted = api.get(message, bob).body();
        assertThat(deleted.path("is_deleted").asBoolean()).isTrue();
        assertThat(deleted.path("content").asString()).isEmpty();
        assertThat(deleted.path("attachments")).isEmpty();
        assertThat(api.get(messages, bob).body().path("results").findValues("id").stream()
                        .map(JsonNode::asLong))
                .contains(m, moderated);
        Reply editDeleted = api.call("PATCH", message, alice, "{\"content\": \"again\"}");
        assertThat(editDeleted.status()).isEqualTo(400);
        assertThat(editDeleted.detail()).contains("deleted");

        for (String path : List.of("/api/conversations/", conversation, messages, message, "/api/users/me/")) {
            Reply anonymous = api.call("GET", path, null, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.detail()).isNotBlank();
        }
        // the same paths without the trailing slash are served the same, without a redirect (B.1)
        assertThat(api.get("/api/conversations/" + c, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/conversations/" + c + "/messages", alice)
                        .body()
                        .path("count")
                        .asLong())
                .isPositive();
        assertThat(api.get("/api/messages/" + m, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/conversations/987654321/", alice).status()).isEqualTo(404);
        assertThat(api.get("/api/messages/987654321/", alice).status()).isEqualTo(404);
    }

    @Test
    void refusesInvalidInputWith400AndADetailAndLosesNothing() throws Exception {
        long c = api.send(alice, bob, "kept").path("conversation").asLong();
        List<String> invalid = List.of(
                "{\"content\": \"\", \"recipient_id\": " + bob.id() + "}",
                "{\"content\": \"   \", \"recipient_id\": " + bob.id() + "}",
                "{\"content\": \"" + "x".repeat(4001) + "\", \"recipient_id\": " + bob.id() + "}",
                "{\"content\": \"a\\u0000b\", \"recipient_id\": " + bob.id() + "}",
                "{\"content\": \"me\", \"recipient_id\": " + alice.id() + "}",
                "{\"content\": \"who\", \"recipient_id\": 1999999999}",
                "{\"content\": \"type\", \"recipient_id\": \"" + bob.id() + "\"}",
                "{\"content\": 42, \"recipient_id\": " + bob.id() + "}",
                "{\"content\": \"no recipient\"}",
                "{\"content\": \"broken\", ");
        for (String body : invalid) {
            Reply refused = api.call("POST", "/api/messages/", alice, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.detail()).as(body).isNotBlank();
        }
        assertThat(api.call(
                                "POST",
                                "/api/messages/",
                                alice,
                                "{\"content\": \"me\", \"recipient_id\": " + alice.id() + "}")
                        .body()
                        .path("errors")
                        .has("recipient_id"))
                .isTrue();
        assertThat(api.get("/api/conversations/" + c + "/messages/", alice)
                        .body()
                        .path("count")
                        .asLong())
                .isEqualTo(1);

        String persian = "سلام! این یک پیام آزمایشی است 🌹😀";
        JsonNode sent = api.send(alice, bob, persian);
        assertThat(sent.path("content").asString()).isEqualTo(persian);
        assertThat(api.get("/api/messages/" + sent.path("id").asLong() + "/", bob)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo(persian);
    }

    @Test
    void pagesHistoryWithLinksOnTheGatewaysAddress() throws Exception {
        long c = api.send(alice, bob, "m0").path("conversation").asLong();
        for (int i = 1; i < 23; i++) {
            api.call(
                    "POST",
                    "/api/conversations/" + c + "/messages/",
                    i % 2 == 0 ? alice : bob,
                    "{\"content\": \"m" + i + "\"}");
        }
        JsonNode page = api.get("/api/conversations/" + c + "/messages/", bob).body();
        assertThat(page.path("count").asLong()).isEqualTo(23);
        assertThat(page.path("results")).hasSize(20);
        assertThat(page.path("results").get(0).path("content").asString()).isEqualTo("m22");
        assertThat(page.path("next").asString())
                .startsWith(api.uri("/api/conversations/" + c + "/messages/").toString());
        JsonNode next = api.get(
                        page.path("next")
                                .asString()
                                .substring(api.uri("").toString().length()),
                        bob)
                .body();
        assertThat(next.path("results")).hasSize(3);
        Reply past = api.get("/api/conversations/" + c + "/messages/?page=9", bob);
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.detail()).isEqualTo("Invalid page.");
        long oldestOnFirstPage = page.path("results").get(19).path("id").asLong();
        assertThat(api.get("/api/conversations/" + c + "/messages/?before=" + oldestOnFirstPage, bob)
                        .body()
                        .path("results"))
                .hasSize(3);
    }

    @Test
    void returnsTheFirstMessageForARetriedIdempotencyKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"content\": \"exactly once\", \"recipient_id\": " + bob.id() + "}";
        Reply first = api.call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));
        Reply retry = api.call("POST", "/api/messages/", alice, body, Map.of("Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().path("id").asLong())
                .isEqualTo(first.body().path("id").asLong());
    }

    @Test
    void keepsLastMessageAndUnreadCountWithinASecondOfTheSend() throws Exception {
        api.send(alice, bob, "warm up");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = api.send(alice, bob, "fresh " + i).path("id").asLong();
            long sentAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/api/conversations/", bob).body().findValues("last_message").stream()
                            .anyMatch(last -> last.path("id").asLong() == id));
            latencies.add((System.nanoTime() - sentAt) / 1_000_000);
        }
        Collections.sort(latencies);
        System.out.println("last_message caught up after (ms): " + latencies);
        assertThat(latencies.get(latencies.size() / 2)).isLessThan(1000);

        JsonNode forBob = api.get("/api/conversations/", bob).body().get(0);
        assertThat(forBob.path("unread_count").asLong()).isEqualTo(6);
        assertThat(forBob.path("last_message").path("sender").path("username").asString())
                .isEqualTo(alice.username());
        long conversation = forBob.path("id").asLong();
        long last = forBob.path("last_message").path("id").asLong();
        api.call("POST", "/api/conversations/" + conversation + "/read/", bob, "{\"up_to\": " + last + "}");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(api.get("/api/conversations/" + conversation + "/", bob)
                                .body()
                                .path("unread_count")
                                .asLong())
                        .isZero());
    }

    @Test
    void listsConversationsMostRecentActivityFirst() throws Exception {
        Member carol = api.register("carol", false);
        long withBob = api.send(alice, bob, "older").path("conversation").asLong();
        long withCarol = api.send(alice, carol, "newer").path("conversation").asLong();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(idsOf(api.get("/api/conversations/", alice))).startsWith(withCarol, withBob));
        api.send(bob, alice, "bob again");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(idsOf(api.get("/api/conversations/", alice))).startsWith(withBob, withCarol));
        JsonNode paged =
                api.get("/api/conversations/?page=1&page_size=1", alice).body();
        assertThat(paged.path("count").asLong()).isEqualTo(2);
        assertThat(paged.path("next").asString()).contains("page=2");
    }

    @Test
    void rendersTheCallerWithStaffFlag() throws Exception {
        JsonNode me = api.get("/api/users/me/", admin).body();
        assertThat(me.path("id").asLong()).isEqualTo(admin.id());
        assertThat(me.path("is_staff").asBoolean()).isTrue();
        assertThat(api.get("/api/users/me/", alice).body().path("is_staff").asBoolean())
                .isFalse();
    }

    private void expect(String method, String path, String body, int owner, int other, int outsider, int staff)
            throws Exception {
        int[] expected = {owner, other, outsider, staff};
        Member[] sides = {alice, bob, mallory, admin};
        for (int i = 0; i < sides.length; i++) {
            Reply reply = api.call(method, path, sides[i], body);
            assertThat(reply.status())
                    .as("%s %s as %s: %s", method, path, sides[i].username(), reply.body())
                    .isEqualTo(expected[i]);
            if (reply.status() >= 400) {
                assertThat(reply.detail()).isNotBlank();
            }
        }
    }

    private static List<Long> idsOf(Reply list) {
        List<Long> ids = new ArrayList<>();
        list.body().forEach(conversation -> ids.add(conversation.path("id").asLong()));
        return ids;
    }
}
