package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rate limits through the whole gateway, with small allowances: 3 sends, 2 uploads and 4
 * other requests per 12 s, so one send comes back every 4 s. Each test draws on allowances of its
 * own: its own user, and its own client address (the tests' loopback connection is a trusted
 * proxy, so {@code X-Forwarded-For} names the client).
 */
@ServiceIntegrationTest
class RateLimitIntegrationTests {

    static final EchoService SERVICES = new EchoService("any-service");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("chat.gateway.conversation-service", SERVICES::uri);
        registry.add("chat.gateway.message-service", SERVICES::uri);
        registry.add("chat.gateway.attachment-service", SERVICES::uri);
        registry.add("chat.gateway.realtime-service", SERVICES::uri);
        registry.add("chat.gateway.dev-issuer", SERVICES::uri);
        registry.add("chat.gateway.cors-allowed-origins", () -> "http://app.example");
        registry.add("chat.gateway.rate-limit.window", () -> "12s");
        registry.add("chat.gateway.rate-limit.sends", () -> "3");
        registry.add("chat.gateway.rate-limit.uploads", () -> "2");
        registry.add("chat.gateway.rate-limit.reads", () -> "4");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void answersSendsPastTheLimitWith429AndItsHeadersAndServesTheNextOneWhenItSaid() throws Exception {
        String alice = TestTokens.of(Users.alice());
        double refusedBefore = refused("send");
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> sent = send(post("/api/conversations/7/messages/", alice));
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(header(sent, RateLimits.LIMIT)).isEqualTo("3");
            assertThat(header(sent, RateLimits.RESET)).isNotNull();
            remaining.add(header(sent, RateLimits.REMAINING));
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        HttpResponse<String> refused = send(post("/api/messages/", alice));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(header(refused, RateLimits.LIMIT)).isEqualTo("3");
        assertThat(header(refused, RateLimits.REMAINING)).isEqualTo("0");
        long retryAfter = Long.parseLong(header(refused, "Retry-After"));
        assertThat(retryAfter).isBetween(1L, 4L);
        assertThat(Long.parseLong(header(refused, RateLimits.RESET))).isBetween(retryAfter, 12L);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asString())
                .isEqualTo("Too many messages sent: at most 3 per 12 seconds. Try again in " + retryAfter
                        + (retryAfter == 1 ? " second." : " seconds."));
        assertThat(refused("send")).isEqualTo(refusedBefore + 1);

        // the other allowances are untouched
        HttpResponse<String> read = send(get("/api/conversations/7/messages/", alice));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(header(read, RateLimits.LIMIT)).isEqualTo("4");
        assertThat(send(post("/api/messages/", TestTokens.of(Users.outsider()))).statusCode())
                .isEqualTo(200);

        Thread.sleep(retryAfter * 1000);
        HttpResponse<String> again = send(post("/api/messages/", alice));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(header(again, RateLimits.REMAINING)).isEqualTo("0");
    }

    @Test
    void limitsUploadsOnTheirOwn() throws Exception {
        String admin = TestTokens.of(Users.admin());
        String upload = "/api/conversations/7/messages/5/attachments/";
        assertThat(send(post(upload, admin)).statusCode()).isEqualTo(200);
        assertThat(send(post(upload, admin)).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = send(post(upload, admin));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, RateLimits.LIMIT)).isEqualTo("2");
        assertThat(json.readTree(refused.body()).path("detail").asString()).startsWith("Too many uploads: at most 2");
        assertThat(send(post("/api/messages/", admin)).statusCode()).isEqualTo(200);
    }

    @Test
    void putsTheHeadersOnEveryAnswerOfALimitedRouteAndLetsABrowsersScriptReadThem() throws Exception {
        String bob = TestTokens.of(Users.bob());

        HttpResponse<String> served = send(get("/api/conversations/", bob).header("Origin", "http://app.example"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(header(served, RateLimits.REMAINING)).isEqualTo("3");
        assertThat(header(served, "Access-Control-Expose-Headers"))
                .contains(RateLimits.LIMIT, RateLimits.REMAINING, RateLimits.RESET, "Retry-After");

        // the gateway's own error for a path no route serves
        HttpResponse<String> unrouted = send(get("/api/unknown/", bob));
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(header(unrouted, RateLimits.REMAINING)).isEqualTo("2");

        HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(uri("/api/conversations/7/read/"))
                .header("Authorization", "Bearer " + bob)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(header(tooLarge, RateLimits.REMAINING)).isEqualTo("1");
    }

    @Test
    void countsCallsWithoutAValidTokenByClientAddressAndAnswers429InsteadOf401PastIt() throws Exception {
        double refusedBefore = refused("read");
        List<Integer> statuses = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpRequest.Builder call = get("/api/conversations/", null).header("X-Forwarded-For", "198.51.100.7");
            if (i % 2 == 1) {
                call.header("Authorization", "Bearer " + TestTokens.expired(Users.alice()));
            }
            HttpResponse<String> answer = send(call);
            statuses.add(answer.statusCode());
            remaining.add(header(answer, RateLimits.REMAINING));
        }
        assertThat(statuses).containsOnly(401);
        assertThat(remaining).containsExactly("3", "2", "1", "0");

        HttpResponse<String> refused = send(get("/api/conversations/", null).header("X-Forwarded-For", "198.51.100.7"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isNotNull();
        assertThat(json.readTree(refused.body()).path("detail").asString()).startsWith("Too many requests");
        assertThat(refused("read")).isEqualTo(refusedBefore + 1);

        // another client, and a user with a valid token behind the same address, are served
        assertThat(send(get("/api/conversations/", null).header("X-Forwarded-For", "198.51.100.8"))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> user = send(get("/api/conversations/", TestTokens.of(new TestUser(77, "dora", false)))
                .header("X-Forwarded-For", "198.51.100.7"));
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(header(user, RateLimits.REMAINING)).isEqualTo("3");
    }

    @Test
    void leavesWebSocketsTheDevelopmentIssuerAndPathsOutsideTheApiAlone() throws Exception {
        String carol = TestTokens.of(new TestUser(78, "carol", false));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> dev = send(HttpRequest.newBuilder(uri("/dev/users/"))
                    .header("X-Forwarded-For", "198.51.100.9")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(dev.statusCode()).isEqualTo(200);
            assertThat(dev.headers().firstValue(RateLimits.LIMIT)).isEmpty();
            HttpResponse<String> socket = send(get("/ws/chat/7/?access_token=" + carol, null));
            assertThat(socket.statusCode()).isNotEqualTo(429);
            assertThat(socket.headers().firstValue(RateLimits.LIMIT)).isEmpty();
        }
    }

    private double refused(String bucket) {
        return meters.get("chat.gateway.rate.limited")
                .tag("bucket", bucket)
                .counter()
                .count();
    }

    private HttpRequest.Builder get(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder post(String path, String token) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"hi\"}"));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static @Nullable String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
