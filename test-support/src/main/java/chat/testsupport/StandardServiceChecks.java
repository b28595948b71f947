package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service promises whatever its domain: it boots on its own database and migrations,
 * answers its probes without a token, refuses requests without one with the error body of spec
 * B.4, and keeps the user directory. A service's integration tests extend this class.
 */
@ServiceIntegrationTest
public abstract class StandardServiceChecks {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @Test
    void answersItsProbesWithoutAToken() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnyOtherRequestWithoutATokenWithAJsonDetail() throws Exception {
        HttpResponse<String> response = get("/api/anything/", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).path("detail").asString()).isNotBlank();
    }

    @Test
    void answersAnUnknownPathWith404AndADetail() throws Exception {
        HttpResponse<String> response = get("/api/no-such-thing/", TestTokens.of(Users.alice()));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void keepsTheUserDirectoryInItsOwnDatabase() {
        assertThat(jdbc.sql("select count(*) from user_directory_schema_history where success")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void readsTheCheckedInExampleProfileFromTheFeed() throws Exception {
        String example = EventSchemas.example("chat.user.updated");
        long id = json.readTree(example).path("data").path("id").asLong();
        KafkaTopics.publish(Topics.USERS, Long.toString(id), example);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("select rank from directory_user where id = ?")
                                .param(id)
                                .query(String.class)
                                .optional())
                        .contains("gold"));
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
