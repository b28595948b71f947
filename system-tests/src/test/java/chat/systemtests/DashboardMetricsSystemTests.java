package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.testsupport.SampleFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What ties the dashboard and the alert rules to the services: every metric they query (the list
 * deploy/manifests-check holds them to) is exported by the running stack, scraped where
 * Prometheus scrapes it, the services on their HTTP port and the gateway on its management port.
 * A renamed meter fails here instead of leaving a panel empty or an alert silent.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class DashboardMetricsSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> PORT_VARIABLES = Map.of(
            "conversation-service", "SERVER_PORT",
            "message-service", "SERVER_PORT",
            "attachment-service", "SERVER_PORT",
            "realtime-service", "SERVER_PORT",
            "gateway", "MANAGEMENT_SERVER_PORT");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        RunningStack stack = SharedStack.get();
        Set<String> queried = ExposedMetrics.queried();
        assertThat(queried).isNotEmpty();
        causeEveryKindOfEvent(stack);

        Map<String, URI> scrapes = new LinkedHashMap<>();
        for (Map.Entry<String, String> part : PORT_VARIABLES.entrySet()) {
            String port = stack.environmentOf(part.getKey()).get(part.getValue());
            assertThat(port).as("%s of %s", part.getValue(), part.getKey()).isNotBlank();
            scrapes.put(part.getKey(), URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        }
        // gauges such as the consumer lag are sampled, and consumers record what they read a
        // moment after the writer's answer: the names may appear a little after the traffic
        Set<String> missing = new TreeSet<>(queried);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Set<String> exported = new TreeSet<>();
                        for (URI scrape : scrapes.values()) {
                            exported.addAll(ExposedMetrics.sampleNames(scrape(scrape)));
                        }
                        missing.clear();
                        missing.addAll(queried);
                        missing.removeAll(exported);
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException notAll) {
            // the assertion below names them
        }
        assertThat(missing)
                .as(
                        "metrics in %s that no part of the running stack exports (scraped: %s)",
                        ExposedMetrics.LIST, scrapes)
                .isEmpty();
    }

    /**
     * Traffic that makes every queried meter appear: messages sent, edited and deleted through the
     * gateway while sockets of both streams are open, an attachment stored and one refused.
     */
    private static void causeEveryKindOfEvent(RunningStack stack) throws Exception {
        Api api = new Api(stack);
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation =
                api.send(alice, bob, "before the sockets").path("conversation").asLong();
        try (Socket conversationSocket =
                        Socket.open(stack, "/ws/chat/" + conversation + "/?access_token=" + bob.token(), Map.of());
                Socket userSocket = Socket.open(stack, "/ws/chat/?access_token=" + bob.token(), Map.of())) {
            JsonNode message = api.send(alice, bob, "while they are open");
            long id = message.path("id").asLong();
            awaitNewMessage(conversationSocket, id);
            awaitNewMessage(userSocket, id);

            String attachments = "/api/conversations/" + conversation + "/messages/" + id + "/attachments/";
            assertThat(api.upload(attachments, alice, "photo.png", SampleFiles.png())
                            .status())
                    .isEqualTo(201);
            assertThat(api.upload(attachments, alice, "page.html", SampleFiles.html())
                            .status())
                    .isEqualTo(400);
            assertThat(api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"edited\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.call("DELETE", "/api/messages/" + id + "/", alice, null)
                            .status())
                    .isEqualTo(204);
        }
    }

    private static void awaitNewMessage(Socket socket, long id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = socket.next(WAIT);
            if (event != null
                    && "new_message".equals(event.path("type").asString())
                    && event.path("message").path("id").asLong() == id) {
                return;
            }
        }
        throw new AssertionError("message " + id + " was not delivered on the socket within " + WAIT);
    }

    private String scrape(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        // the classic text format, whatever newer ones the endpoint also offers
                        .header("Accept", "text/plain; version=0.0.4")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
