package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What operators see of one message through the gateway: the counters it moves on each service's
 * {@code /actuator/prometheus}, and its trace id, which the gateway answers with, in the log lines
 * of the services that handled it.
 */
@ExtendWith(SharedStack.class)
class ObservabilitySystemTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RunningStack stack = SharedStack.get();
    private final Api api = new Api(stack);

    @Test
    void aSendMovesTheCountersOfEveryServiceItPassesAndItsTraceIdIsInTheirLogs() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        try (Socket socket =
                Socket.open(stack, "/ws/chat/" + conversation + "/?access_token=" + bob.token(), Map.of())) {
            Scrape messagesBefore = Scrape.of(stack.actuatorUri("message-service"));
            Scrape realtimeBefore = Scrape.of(stack.actuatorUri("realtime-service"));
            Scrape gatewayBefore = Scrape.of(stack.actuatorUri("gateway"));

            HttpResponse<String> sent = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(stack.uri("/api/messages/"))
                                    .header("Authorization", "Bearer " + alice.token())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"content\":\"traced\",\"recipient_id\":" + bob.id() + "}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(201);
            String traceId = sent.headers().firstValue("X-Trace-Id").orElseThrow();
            assertThat(traceId).matches("[0-9a-f]{32}");
            long messageId = Api.JSON.readTree(sent.body()).path("id").asLong();

            JsonNode delivered = socket.next(WAIT);
            assertThat(delivered.path("message").path("id").asLong()).isEqualTo(messageId);

            await().atMost(WAIT).untilAsserted(() -> {
                Scrape messages = Scrape.of(stack.actuatorUri("message-service"));
                assertThat(messages.sum("chat_messages_sent_total"))
                        .isGreaterThan(messagesBefore.sum("chat_messages_sent_total"));
                assertThat(messages.sum("chat_outbox_published_total", "topic=\"chat.message.v1\""))
                        .isGreaterThan(messagesBefore.sum("chat_outbox_published_total", "topic=\"chat.message.v1\""));
                Scrape realtime = Scrape.of(stack.actuatorUri("realtime-service"));
                assertThat(realtime.sum("chat_events_delivered_total", "stream=\"conversation\""))
                        .isGreaterThan(realtimeBefore.sum("chat_events_delivered_total", "stream=\"conversation\""));
                assertThat(realtime.sum("chat_delivery_latency_seconds_count"))
                        .isGreaterThan(realtimeBefore.sum("chat_delivery_latency_seconds_count"));
                assertThat(realtime.sum("chat_sockets_open", "stream=\"conversation\""))
                        .isGreaterThanOrEqualTo(1);
                Scrape gateway = Scrape.of(stack.actuatorUri("gateway"));
                assertThat(gateway.sum("spring_cloud_gateway_requests_seconds_count", "routeId=\"messages\""))
                        .isGreaterThan(gatewayBefore.sum(
                                "spring_cloud_gateway_requests_seconds_count", "routeId=\"messages\""));
            });

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(linesWith(stack.log("message-service"), traceId))
                        .anyMatch(line ->
                                line.contains("Message " + messageId + " sent in conversation " + conversation));
                assertThat(linesWith(stack.log("realtime-service"), traceId))
                        .anyMatch(line ->
                                line.contains("Delivered seq") && line.contains("of conversation " + conversation));
            });
        }
    }

    private static List<String> linesWith(Path log, String text) throws Exception {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(text))
                .toList();
    }
}
