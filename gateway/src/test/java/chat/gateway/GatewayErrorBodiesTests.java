package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway's Netty and Spring's adapter answer before any filter runs carries the problem
 * body like every other error; and the management endpoints are on their own port only.
 */
@ServiceIntegrationTest
class GatewayErrorBodiesTests {

    static final EchoService SERVICES = new EchoService("any-service");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.gateway.conversation-service", SERVICES::uri);
        registry.add("chat.gateway.message-service", SERVICES::uri);
        registry.add("chat.gateway.attachment-service", SERVICES::uri);
        registry.add("chat.gateway.realtime-service", SERVICES::uri);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void answersAnOverlongUriWith414AndADetail() throws IOException {
        RawHttp answer = RawHttp.send(port, "GET /api/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(answer, 414);
    }

    @Test
    void answersOverlargeHeadersWith431AndADetail() throws IOException {
        RawHttp answer = RawHttp.send(
                port, "GET /api/conversations/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertProblem(answer, 431);
    }

    @Test
    void answersAContentTypeWithANulWith400AndADetail() throws IOException {
        RawHttp answer = RawHttp.send(
                port,
                "POST /api/messages/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\0x\r\n"
                        + "Content-Length: 2\r\n\r\n{}");
        assertProblem(answer, 400);
    }

    @Test
    void answersABrokenRequestLineWith400AndADetail() throws IOException {
        assertProblem(RawHttp.send(port, "GET /api/ conversations/ HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?a=|", "?a={}", "?a=%zz", "?a=\u0001"})
    void answersAQueryThatIsNoUriWith400AndADetail(String query) throws IOException {
        assertProblem(RawHttp.send(port, "GET /api/conversations/" + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    }

    @Test
    void answersAHeadRequestThatFailsDecodingWithHeadersOnly() throws IOException {
        RawHttp answer =
                RawHttp.send(port, "HEAD /api/conversations/?a=| HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void answersItsOwnErrorsAsProblemJsonEvenToABrowser() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/nowhere/"))
                                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        response = get(port, "/actuator/health");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void servesNoActuatorOnThePublicPort() throws Exception {
        for (String path :
                new String[] {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/info"}) {
            HttpResponse<String> response = get(port, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json.readTree(response.body()).path("detail").asString())
                    .as(path)
                    .isNotBlank();
        }
    }

    @Test
    void servesHealthWithoutATokenOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(int toPort, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + toPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(RawHttp answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(json.readTree(answer.body()).path("status").asInt()).isEqualTo(status);
        assertThat(json.readTree(answer.body()).path("detail").asString()).isNotBlank();
    }
}
