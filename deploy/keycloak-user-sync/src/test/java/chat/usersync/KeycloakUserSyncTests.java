package chat.usersync;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.keycloak.KeycloakServer;
import chat.testsupport.ChatInfrastructure;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.KeycloakRealm;
import chat.testsupport.TestKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync against a real Keycloak with the realm file and the project's real Kafka broker: what
 * an administrator does in the realm reaches the user feed, as the contract says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeycloakUserSyncTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Ids far from other tests' fixtures, distinct per run of the suite against a kept broker.
    private static final AtomicLong IDS = new AtomicLong(1_000_000 + System.currentTimeMillis() % 1_000_000 * 100);
    private static final String STAFF_PASSWORD = "staff-password";

    static KeycloakRealm realm;
    static String staffToken;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KeycloakServer keycloak = TestKeycloak.get();
        registry.add("KEYCLOAK_URL", () -> keycloak.baseUri().toString());
        registry.add("CHAT_CLIENT_SECRET", () -> "chat-user-sync-local-secret");
        registry.add("KAFKA_BOOTSTRAP_SERVERS", () -> ChatInfrastructure.get().kafkaBootstrapServers());
        // One run at start; the tests run the rest on demand.
        registry.add("SYNC_INTERVAL", () -> "1h");
    }

    @BeforeAll
    static void staff() {
        realm = TestKeycloak.realm();
        String username = "sync-staff-" + UUID.randomUUID();
        String id = realm.createUser(username, "Sam", "Staff", IDS.incrementAndGet(), STAFF_PASSWORD);
        realm.grantRealmRole(id, "chat-admin");
        staffToken = realm.passwordToken(username, STAFF_PASSWORD);
    }

    @Test
    void publishesEveryRealmUserWithAUserIdAsTheContractSaysAndSkipsUsersWithout() throws Exception {
        long userId = IDS.incrementAndGet();
        String named = "sync-ann-" + userId;
        realm.createUser(named, "Ann", "Example", userId, null);
        String unnamed = "sync-no-id-" + userId;
        realm.createUser(unnamed, "Nobody", "Yet", null, null);

        HttpResponse<String> run = postSync(staffToken);

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(JSON.readTree(run.body()).path("skipped").asInt()).isPositive();
        List<ConsumerRecord<String, String>> records = KafkaTopics.recordsOf(Topics.USERS, Long.toString(userId), 1);
        assertThat(records).hasSize(1);
        EventSchemas.assertIsStructuredCloudEvent(records.getFirst());
        JsonNode event = JSON.readTree(records.getFirst().value());
        assertThat(event.path("type").asString()).isEqualTo("chat.user.updated");
        assertThat(event.path("subject").asString()).isEqualTo(Long.toString(userId));
        assertThat(event.path("data").path("id").asLong()).isEqualTo(userId);
        assertThat(event.path("data").path("username").asString()).isEqualTo(named);
        assertThat(event.path("data").path("first_name").asString()).isEqualTo("Ann");
        assertThat(event.path("data").path("last_name").asString()).isEqualTo("Example");
        assertThat(usernamesOnTheFeed()).contains(named).doesNotContain(unnamed);
    }

    @Test
    void publishesAProfileAgainOnlyWhenItChanged() throws Exception {
        long userId = IDS.incrementAndGet();
        String username = "sync-bea-" + userId;
        String id = realm.createUser(username, "Bea", "Before", userId, null);
        postSync(staffToken);

        HttpResponse<String> again = postSync(staffToken);
        assertThat(JSON.readTree(again.body()).path("published").asInt()).isZero();

        realm.updateUser(
                id,
                "Bea",
                "After",
                Map.of(
                        "user_id", List.of(Long.toString(userId)),
                        "picture", List.of("https://cdn.example.com/bea.png"),
                        "score", List.of("42"),
                        "rank", List.of("gold"),
                        "in_game_ids", List.of("[{\"game\": \"chess\", \"id\": \"bea-1\"}]")));
        HttpResponse<String> changed = postSync(staffToken);

        assertThat(JSON.readTree(changed.body()).path("published").asInt()).isEqualTo(1);
        List<String> events = KafkaTopics.valuesOf(Topics.USERS, Long.toString(userId), 2);
        assertThat(events).hasSize(2);
        EventSchemas.assertMatchesSchema(events.getLast());
        JsonNode data = JSON.readTree(events.getLast()).path("data");
        assertThat(data.path("last_name").asString()).isEqualTo("After");
        assertThat(data.path("profile_picture").asString()).isEqualTo("https://cdn.example.com/bea.png");
        assertThat(data.path("score").asLong()).isEqualTo(42);
        assertThat(data.path("rank").asString()).isEqualTo("gold");
        assertThat(data.path("in_game_ids").get(0).path("game").asString()).isEqualTo("chess");
    }

    @Test
    void runsOnDemandOnlyForStaffAndTheChatServices() throws Exception {
        HttpResponse<String> anonymous = postSync(null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("detail").asString()).isNotBlank();

        String username = "sync-user-" + UUID.randomUUID();
        realm.createUser(username, "Una", "User", IDS.incrementAndGet(), "user-password");
        assertThat(postSync(realm.passwordToken(username, "user-password")).statusCode())
                .isEqualTo(403);

        String service = realm.clientToken("realtime-service", "realtime-service-local-secret");
        assertThat(postSync(service).statusCode()).isEqualTo(200);
        assertThat(http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> postSync(@Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sync"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every username on the feed so far, read from the beginning. */
    private static List<String> usernamesOnTheFeed() {
        return KafkaTopics.allValuesOf(Topics.USERS, Duration.ofSeconds(5)).stream()
                .map(value -> JSON.readTree(value).path("data").path("username").asString())
                .toList();
    }
}
