package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.devissuer.DevTokenIssuer;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The development issuer as a frontend developer and the services meet it, on a real broker. */
class DevTokenIssuerTests {

    final DevTokenIssuer issuer = ChatInfrastructure.get().tokens();
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void registersAUserAndPublishesTheirProfileByTheSchema() throws Exception {
        String username = "dora-" + System.nanoTime();
        HttpResponse<String> response = post("""
                {"username": "%s", "first_name": "Dora", "score": 7, "is_staff": true,
                 "in_game_ids": [{"game": "go", "id": "d1"}]}""".formatted(username));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        long id = created.path("id").asLong();
        assertThat(created.path("username").asString()).isEqualTo(username);
        assertThat(created.path("access").asString()).isNotBlank();

        ConsumerRecord<String, String> record =
                KafkaTopics.recordsOf(Topics.USERS, Long.toString(id), 1).getFirst();
        EventSchemas.assertIsStructuredCloudEvent(record);
        JsonNode data = json.readTree(record.value()).path("data");
        assertThat(data.path("first_name").asString()).isEqualTo("Dora");
        assertThat(data.path("score").asLong()).isEqualTo(7);
    }

    @Test
    void givesTheSameIdToTheSameUsernameAgain() throws Exception {
        String body = "{\"username\": \"repeat-" + System.nanoTime() + "\"}";
        long first = json.readTree(post(body).body()).path("id").asLong();
        assertThat(json.readTree(post(body).body()).path("id").asLong()).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"username\": \"\"}",
                "{\"username\": 5}",
                "{\"username\": \"x\", \"score\": \"high\"}",
                "{\"username\": \"x\", \"is_staff\": \"yes\"}",
                "{\"username\": \"x\", \"in_game_ids\": [1]}",
                "[1, 2]",
                "{not json"
            })
    void refusesAnInvalidUserWith400AndADetail(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("detail").asString()).isNotBlank();
    }

    @Test
    void mintsAShortLivedTokenOnRequestAndRefusesAnInvalidLifetime() throws Exception {
        String body = "{\"username\": \"brief-" + System.nanoTime() + "\"}";
        String token = json.readTree(post("/dev/users/?expires_in=3", body).body())
                .path("access")
                .asString();
        long lifetime = SignedJWT.parse(token)
                        .getJWTClaimsSet()
                        .getExpirationTime()
                        .getTime()
                - SignedJWT.parse(token).getJWTClaimsSet().getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(3_000);

        for (String invalid : List.of("0", "-5", "soon", "86401")) {
            HttpResponse<String> refused = post("/dev/users/?expires_in=" + invalid, body);
            assertThat(refused.statusCode()).as(invalid).isEqualTo(400);
            assertThat(json.readTree(refused.body()).path("detail").asString()).contains("expires_in");
        }
    }

    @Test
    void theCheckedInExampleMatchesTheSchema() {
        EventSchemas.assertMatchesSchema(EventSchemas.example("chat.user.updated"));
        assertThat(EventSchemas.violations(
                        EventSchemas.example("chat.user.updated").replace("\"score\": 1250", "\"score\": \"a lot\"")))
                .isNotEmpty();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("/dev/users/", body);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(issuer.baseUri().resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
