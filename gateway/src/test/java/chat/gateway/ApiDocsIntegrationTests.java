package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceIntegrationTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/docs} and its Swagger UI, open without a token, with two services that serve their
 * documents, one that is down, and the development issuer routed.
 */
@ServiceIntegrationTest
class ApiDocsIntegrationTests {

    static final HttpServer CONVERSATIONS = documentServer("/api/conversations/", "listConversations");
    static final HttpServer MESSAGES = documentServer("/api/messages/", "sendMessage");
    static final URI DOWN = URI.create("http://127.0.0.1:" + closedPort());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.gateway.conversation-service", () -> uri(CONVERSATIONS));
        registry.add("chat.gateway.message-service", () -> uri(MESSAGES));
        registry.add("chat.gateway.attachment-service", () -> DOWN);
        registry.add("chat.gateway.realtime-service", () -> DOWN);
        registry.add("chat.gateway.dev-issuer", () -> DOWN);
    }

    @AfterAll
    static void stop() {
        CONVERSATIONS.stop(0);
        MESSAGES.stop(0);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void servesTheMergedDocumentWithoutATokenAndSaysWhichServiceIsMissing() throws Exception {
        HttpResponse<String> response = get("/api/docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode document = json.readTree(response.body());
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.path("paths").propertyNames())
                .containsExactlyInAnyOrder("/api/conversations/", "/api/messages/", "/dev/users/");
        assertThat(document.path("paths").path("/dev/users/").path("post").path("security"))
                .isEmpty();
        assertThat(document.path("x-unavailable").valueStream().map(JsonNode::asString))
                .containsExactly("attachment-service");
        assertThat(get("/api/docs/").statusCode()).isEqualTo(200);
    }

    @Test
    void servesSwaggerUiOnTheDocumentWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/api/docs/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui-bundle.js", "SwaggerUIBundle");
        HttpResponse<String> script = get("/api/docs/ui/swagger-ui-bundle.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("SwaggerUIBundle");
        assertThat(get("/api/docs/ui/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(get("/api/docs/ui").statusCode()).isEqualTo(308);
        // the webjar's sample page and its initializer point elsewhere; only the page above is served
        assertThat(get("/api/docs/ui/swagger-initializer.js").statusCode()).isEqualTo(404);
    }

    @Test
    void answers503WithADetailWhenNoServiceCanBeAsked() {
        GatewaySettings nowhere = new GatewaySettings(DOWN, DOWN, DOWN, DOWN, null, java.util.List.of(), null, null);
        ApiDocs docs = new ApiDocs(nowhere, WebClient.create(), Clock.systemUTC());
        var response = docs.document(MockServerRequest.builder().build()).block();
        assertThat(response.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A service that serves a document of one operation at /v3/api-docs. */
    private static HttpServer documentServer(String path, String operationId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] document = """
                    {"openapi": "3.1.0", "paths": {"%s": {"get": {"operationId": "%s",
                      "responses": {"200": {"description": "OK"}}}}},
                     "components": {"schemas": {"Problem": {"type": "object"}}}}""".formatted(path, operationId).getBytes(StandardCharsets.UTF_8);
            server.createContext("/v3/api-docs", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, document.length);
                    exchange.getResponseBody().write(document);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
