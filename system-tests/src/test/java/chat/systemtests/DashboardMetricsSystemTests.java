package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.testsupport.SampleFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
    private static final List<String> PARTS =
            List.of("conversation-service", "message-service", "attachment-service", "realtime-service", "gateway");
    /** The metrics that the dashboard and the alert rules query, which deploy/manifests-check holds them to. */
    static final Path LIST = RunningStack.ROOT.resolve("deploy/observability/exported-metrics.txt");

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        RunningStack stack = SharedStack.get();
        Set<String> queried = Files.readAllLines(LIST).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(queried).isNotEmpty();
        causeEveryKindOfEvent(stack);

        List<URI> scrapes = PARTS.stream().map(stack::actuatorUri).toList();
        // gauges such as the consumer lag are sampled, and consumers record what they read a
        // moment after the writer's answer: the names may appear a little after the traffic
        Set<String> missing = new TreeSet<>(queried);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Set<String> exported = new TreeSet<>();
                        for (URI scrape : scrapes) {
                            exported.addAll(Scrape.of(scrape).names());
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
                .as("metrics in %s that no part of the running stack exports (scraped: %s)", LIST, scrapes)
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
}
