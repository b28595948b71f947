package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import chat.testsupport.KeycloakRealm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stack as deployed identity-wise, {@code deploy/local/run.sh --keycloak}: tokens from a real
 * Keycloak with the realm file, users known to the services only through the realm (the user
 * sync) and their own tokens, staff by the realm role {@code chat-admin}. Its own stack and data
 * folder, apart from the shared one.
 */
@Order(0) // before the shared stack starts, so that two stacks never run at once
class KeycloakSystemTests {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "a-password";
    private static final AtomicLong IDS = new AtomicLong(2_000_000);

    static RunningStack stack;
    static Api api;
    static KeycloakRealm realm;
    static Member alice;
    static Member bob;
    static Member mallory;
    static Member staff;

    @BeforeAll
    static void start() throws Exception {
        stack = RunningStack.startWithKeycloak(RunningStack.ROOT.resolve("system-tests/target/keycloak-stack-data"));
        System.out.printf("keycloak stack ready in %.1f s%n", stack.startup.toMillis() / 1000.0);
        api = new Api(stack);
        realm = new KeycloakRealm(stack.keycloakUri());
        alice = member("alice", false);
        bob = member("bob", false);
        mallory = member("mallory", false);
        staff = member("moderator", true);
        // The services learn users from the feed that the sync fills from the realm.
        sync();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void exchangesMessagesOverRestAndTheWebSocketWithTheRealmsTokens() throws Exception {
        JsonNode first = sendWhenKnown(alice, bob, "hello over REST");
        long conversation = first.path("conversation").asLong();
        assertThat(first.path("sender").path("username").asString()).isEqualTo(alice.username());
        assertThat(api.get("/api/users/me/", bob).body().path("id").asLong()).isEqualTo(bob.id());

        String path = "/ws/chat/" + conversation + "/?since_seq=1";
        try (Socket aliceSocket = Socket.open(stack, path, Map.of("Authorization", "Bearer " + alice.token()));
                Socket bobSocket = Socket.open(stack, path + "&access_token=" + bob.token(), Map.of())) {
            bobSocket.send("{\"type\": \"chat_message\", \"content\": \"hello over the socket\"}");
            for (Socket socket : new Socket[] {aliceSocket, bobSocket}) {
                JsonNode message = newMessage(socket, "hello over the socket");
                assertThat(message.path("sender").path("username").asString()).isEqualTo(bob.username());
            }
        }
        Reply history = api.get("/api/conversations/" + conversation + "/messages/", alice);
        assertThat(history.body().path("results").findValuesAsString("content"))
                .contains("hello over REST", "hello over the socket");
    }

    @Test
    void staffOfTheRealmReadsAConversationItIsNotPartOfAndOthersFindNothing() throws Exception {
        long conversation =
                sendWhenKnown(bob, alice, "for staff eyes").path("conversation").asLong();
        String path = "/api/conversations/" + conversation + "/";

        assertThat(api.get("/api/users/me/", staff).body().path("is_staff").asBoolean())
                .isTrue();
        assertThat(api.get(path, staff).status()).isEqualTo(200);
        assertThat(api.get(path + "messages/", staff).body().path("count").asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/users/me/", mallory).body().path("is_staff").asBoolean())
                .isFalse();
        assertThat(api.get(path, mallory).status()).isEqualTo(404);
    }

    @Test
    void refusesTokensOfAnotherIssuer() throws Exception {
        Member masterAdmin = new Member(0, "admin", realm.masterAdminToken());

        Reply refused = api.get("/api/conversations/", masterAdmin);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).isNotBlank();
    }

    @Test
    void sendsToARealmUserWhoNeverLoggedInOnceTheSyncPublishedThem() throws Exception {
        long id = IDS.incrementAndGet();
        String username = "carol-" + id;
        realm.createUser(username, "Carol", "Absent", id, null);
        Member carol = new Member(id, username, "carol has no token");

        sync();
        JsonNode sent = sendWhenKnown(alice, carol, "hello, whenever you come");

        long conversation = sent.path("conversation").asLong();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/api/conversations/" + conversation + "/", alice)
                                .body()
                                .path("participants")
                                .findValuesAsString("username"))
                        .contains(username, alice.username()));
    }

    /** A realm user with a chat user id and a password, logged in with the test client. */
    private static Member member(String name, boolean isStaff) {
        long id = IDS.incrementAndGet();
        String username = name + "-" + id;
        String keycloakId = realm.createUser(username, name, "Realm", id, PASSWORD);
        if (isStaff) {
            realm.grantRealmRole(keycloakId, "chat-admin");
        }
        return new Member(id, username, realm.passwordToken(username, PASSWORD));
    }

    /**
     * The message of the next {@code new_message} event with {@code content}; earlier events of the
     * pair's conversation (other tests write to it too) are passed over.
     */
    private static JsonNode newMessage(Socket socket, String content) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event != null
                    && "new_message".equals(event.path("type").asString())
                    && content.equals(event.path("message").path("content").asString())) {
                return event.path("message");
            }
        }
        throw new AssertionError("no new_message \"" + content + "\" within " + WAIT);
    }

    /** Runs the user sync now, as an administrator would after creating users. */
    private static void sync() throws Exception {
        HttpResponse<String> run = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.userSyncUri().resolve("/sync"))
                                .header("Authorization", "Bearer " + staff.token())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    }

    /** The first message to a user, once the feed has brought them to message-service. */
    private static JsonNode sendWhenKnown(Member from, Member to, String content) {
        String body = Api.JSON.writeValueAsString(Map.of("content", content, "recipient_id", to.id()));
        JsonNode[] sent = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Reply reply = api.call("POST", "/api/messages/", from, body);
            assertThat(reply.status()).as("%s", reply).isEqualTo(201);
            sent[0] = reply.body();
        });
        return sent[0];
    }
}
