package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.Users;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceIntegrationTest
class GatewayIntegrationTests {

    static final EchoService CONVERSATIONS = new EchoService("conversation-service");
    static final EchoService MESSAGES = new EchoService("message-service");
    static final EchoService ATTACHMENTS = new EchoService("attachment-service");
    static final EchoService REALTIME = new EchoService("realtime-service");
    /** Where the development issuer would be, but nothing listens: a service that is down. */
    static final URI DEV_ISSUER_DOWN = URI.create("http://127.0.0.1:" + closedPort());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.gateway.conversation-service", CONVERSATIONS::uri);
        registry.add("chat.gateway.message-service", MESSAGES::uri);
        registry.add("chat.gateway.attachment-service", ATTACHMENTS::uri);
        registry.add("chat.gateway.realtime-service", REALTIME::uri);
        registry.add("chat.gateway.dev-issuer", () -> DEV_ISSUER_DOWN);
        registry.add("chat.gateway.cors-allowed-origins", () -> "http://app.example");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final String token = TestTokens.of(Users.alice());

    @ParameterizedTest
    @CsvSource({
        "/api/conversations/, conversation-service",
        "/api/conversations/7/, conversation-service",
        "/api/users/me/, conversation-service",
        "/api/messages/, message-service",
        "/api/messages/5/, message-service",
        "/api/conversations/7/messages/, message-service",
        "/api/conversations/7/read/, message-service",
        "/api/conversations/7/messages/5/attachments/, attachment-service"
    })
    void routesEachPathToItsService(String path, String service) throws Exception {
        HttpResponse<String> response = send(request(path).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = json.readTree(response.body());
        assertThat(echo.path("service").asString()).isEqualTo(service);
        assertThat(echo.path("path").asString()).isEqualTo(path);
        assertThat(echo.path("headers").path("authorization").asString()).isEqualTo("Bearer " + token);
    }

    @Test
    void tellsServicesThePublicAddressSoTheirLinksPointAtTheGateway() throws Exception {
        JsonNode headers =
                json.readTree(send(request("/api/messages/").GET()).body()).path("headers");
        assertThat(headers.path("x-forwarded-host").asString()).isEqualTo("localhost:" + port);
        assertThat(headers.path("x-forwarded-proto").asString()).isEqualTo("http");
        assertThat(headers.path("x-forwarded-port").asString()).isEqualTo(Integer.toString(port));
    }

    @Test
    void continuesTheCallersTraceAndNamesItInTheAnswerAndToTheService() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = send(request("/api/messages/")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .GET());
        assertThat(response.headers().firstValue("X-Trace-Id")).contains(traceId);
        // the service hears the gateway's own span of the same trace, not the caller's
        String forwarded = json.readTree(response.body())
                .path("headers")
                .path("traceparent")
                .asString();
        assertThat(forwarded).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceForARequestWithoutOneAndTheServiceHearsIt() throws Exception {
        HttpResponse<String> response = send(request("/api/messages/").GET());
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(json.readTree(response.body())
                        .path("headers")
                        .path("traceparent")
                        .asString())
                .startsWith("00-" + traceId + "-");
    }

    @Test
    void refusesAMissingTokenWithAJsonDetailBeforeRouting() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/conversations/")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(detail(response)).isEqualTo("Authentication credentials were not provided.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void refusesEveryKindOfBadToken(int kind) throws Exception {
        String bad = switch (kind) {
            case 0 -> TestTokens.expired(Users.alice());
            case 1 -> TestTokens.malformed();
            case 2 -> TestTokens.signedByUnknownKey(Users.alice());
            case 3 -> TestTokens.fromForeignIssuer(Users.alice());
            case 4 -> TestTokens.withoutUserId(Users.alice());
            default -> TestTokens.withUserIdAsText(Users.alice());
        };
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/api/conversations/")).header("Authorization", "Bearer " + bad));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(detail(response)).startsWith("The access token is invalid:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/conversations/find-or-create", "/internal", "/api/../internal/events"})
    void neverReachesInternalApis(String path) throws Exception {
        HttpResponse<String> response = send(request(path).GET());
        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(detail(response)).isNotBlank();
    }

    @Test
    void refusesEncodedDotsAndSlashesThatAServiceWouldResolve() throws Exception {
        HttpResponse<String> response =
                send(request("/api/%2e%2e/internal/events").GET());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(detail(response)).contains("encoded");
    }

    @Test
    void answersAnUnknownPathWith404AndADetail() throws Exception {
        HttpResponse<String> response = send(request("/api/unknown/").GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(detail(response)).isEqualTo("Not found.");
    }

    @Test
    void routesToTheDevelopmentIssuerWithoutATokenAndSays503WhenItIsDown() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/dev/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"carol\"}")));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(detail(response)).isEqualTo("The service is unavailable; try again shortly.");
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void streamsAnUploadOfElevenMegabytesToTheAttachmentService() throws Exception {
        int size = 11 * 1024 * 1024;
        HttpResponse<String> response = send(request("/api/conversations/1/messages/1/attachments/")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("body_length").asLong()).isEqualTo(size);
    }

    @Test
    void refusesALargerUploadWith413() throws Exception {
        HttpResponse<String> response = send(request("/api/conversations/1/messages/1/attachments/")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[11 * 1024 * 1024 + 1])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(detail(response)).contains("11 MB");
    }

    @Test
    void refusesAChunkedUploadOnceItPassesTheLimit() throws Exception {
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 1);
        // no Content-Length: the publisher streams 12 MB in chunks
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long left = 12L * chunk.length;

            @Override
            public int read() {
                return left-- > 0 ? 1 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                left -= n;
                return n;
            }
        });
        try {
            HttpResponse<String> response =
                    send(request("/api/conversations/1/messages/1/attachments/").POST(chunked));
            assertThat(response.statusCode()).isEqualTo(413);
        } catch (IOException connectionClosedWhileSending) {
            // the gateway may close the connection before the client finishes sending: also a refusal
        }
        assertThat(send(request("/api/messages/").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnOversizedJsonBody() throws Exception {
        HttpResponse<String> response = send(request("/api/messages/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(detail(response)).isNotBlank();
    }

    @Test
    void allowsCrossOriginCallsFromConfiguredOriginsOnly() throws Exception {
        HttpResponse<String> allowed = send(preflight("http://app.example"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");

        HttpResponse<String> refused = send(preflight("http://evil.example"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void acceptsTheWebSocketTokenFromTheQueryOrACookieOnWebSocketPathsOnly() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/ws/chat/1/?access_token=" + token)))
                        .statusCode())
                .isNotEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/ws/chat/1/")).header("Cookie", "access_token=" + token))
                        .statusCode())
                .isNotEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/conversations/?access_token=" + token)))
                        .statusCode())
                .isEqualTo(401);
    }

    /**
     * The gateway reaches realtime-service before it answers the browser's upgrade: an upstream
     * that will not take the socket (here one that is no WebSocket server) is an HTTP error with a
     * detail, not a socket that opens and closes at once.
     */
    @Test
    void answersAnUpgradeThatRealtimeServiceDoesNotTakeWithAnHttpErrorNotASocket() throws Exception {
        Throwable failure = catchThrowable(() -> http.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + port + "/ws/chat/1/?access_token=" + token),
                        new WebSocket.Listener() {})
                .get(10, TimeUnit.SECONDS));

        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> refusal = ((WebSocketHandshakeException) failure.getCause()).getResponse();
        assertThat(refusal.statusCode()).isEqualTo(502);
        assertThat(json.readTree(String.valueOf(refusal.body())).path("detail").asString())
                .isNotBlank();
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(uri("/api/conversations/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String detail(HttpResponse<String> response) {
        return json.readTree(response.body()).path("detail").asString();
    }
}
