package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system as a new user meets it: started by {@code deploy/local/run.sh} on embedded
 * PostgreSQL, Kafka, S3 and the development issuer, driven over HTTP through the gateway, stopped
 * by a signal, and started again on the same data.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // it restarts the shared stack: after every other class
class LocalStackSystemTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static RunningStack stack;
    static JsonNode alice;

    @BeforeAll
    static void useSharedStack() {
        stack = SharedStack.get();
    }

    @Test
    @Order(1)
    void refusesTheApiWithoutATokenWithAJsonDetail() throws Exception {
        HttpResponse<String> response = send(get("/api/conversations/"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("detail").asString()).isNotBlank();
    }

    @Test
    @Order(2)
    void registersADevelopmentUserAndServesThemWithTheirToken() throws Exception {
        HttpResponse<String> created = send(post("/dev/users/", """
                {"username": "alice-restart", "first_name": "Alice", "last_name": "Liddell", "score": 42,
                 "rank": "gold", "role": "player", "in_game_ids": [{"game": "chess", "id": "al1"}]}"""));
        assertThat(created.statusCode()).isEqualTo(201);
        alice = JSON.readTree(created.body());
        assertThat(alice.path("id").isIntegralNumber()).isTrue();
        assertThat(alice.path("username").asString()).isEqualTo("alice-restart");

        HttpResponse<String> list = send(get("/api/conversations/").header("Authorization", bearer(alice)));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).isArray()).isTrue();
    }

    @Test
    @Order(3)
    void rendersTheProfileThatTheFeedCarriedToTheService() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode me = JSON.readTree(send(get("/api/users/me/").header("Authorization", bearer(alice)))
                    .body());
            assertThat(me.path("id").asLong()).isEqualTo(alice.path("id").asLong());
            assertThat(me.path("first_name").asString()).isEqualTo("Alice");
            assertThat(me.path("score").asLong()).isEqualTo(42);
            assertThat(me.path("rank").asString()).isEqualTo("gold");
            assertThat(me.path("in_game_ids").get(0).path("game").asString()).isEqualTo("chess");
        });
    }

    @Test
    @Order(4)
    void keepsInternalApisAndUnknownPathsOutOfReach() throws Exception {
        for (String path : List.of("/internal/conversations/", "/api/nothing/")) {
            HttpResponse<String> response = send(get(path).header("Authorization", bearer(alice)));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("detail").asString()).isEqualTo("Not found.");
        }
    }

    @Test
    @Order(5)
    void stopsEveryProcessOnSigintAndKeepsTheDataForTheNextRun() throws Exception {
        List<ProcessHandle> started = stack.processes();
        assertThat(started).hasSizeGreaterThan(5);
        assertThat(stack.stop(Duration.ofSeconds(90))).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(started).noneMatch(ProcessHandle::isAlive));

        stack = stack.restart();
        SharedStack.replace(stack);
        System.out.printf("stack ready again on the kept data in %.1f s%n", stack.startup.toMillis() / 1000.0);
        HttpResponse<String> again = send(post("/dev/users/", "{\"username\": \"alice-restart\"}"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).path("id").asLong())
                .isEqualTo(alice.path("id").asLong());
        // the token from before the restart is still signed by a key the stack trusts
        assertThat(send(get("/api/users/me/").header("Authorization", bearer(alice)))
                        .statusCode())
                .isEqualTo(200);
    }

    private static String bearer(JsonNode user) {
        return "Bearer " + user.path("access").asString();
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(stack.uri(path));
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(stack.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
