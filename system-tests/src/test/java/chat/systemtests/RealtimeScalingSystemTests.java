package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.systemtests.Socket.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * realtime-service under the conditions of a real deployment: several instances behind one
 * conversation, and clients that stop reading.
 */
@ExtendWith(SharedStack.class)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeScalingSystemTests {

    static final Duration WAIT = Duration.ofSeconds(15);
    static Api api;
    static RunningStack stack;
    static Process secondInstance;
    static URI secondInstanceUri;

    /**
     * A second realtime-service, started with the first one's settings on a port of its own: the
     * gateway knows one address, so sockets reach this instance directly, as they would reach
     * any pod behind a Kubernetes Service.
     */
    @BeforeAll
    static void startASecondInstance() throws Exception {
        stack = SharedStack.get();
        api = new Api(stack);
        Map<String, String> environment = stack.environmentOf("realtime-service");
        int port = RunningStack.freePort();
        environment.put("SERVER_PORT", Integer.toString(port));
        Path jar = RunningStack.ROOT.resolve(
                "realtime-service/target/realtime-service-" + RunningStack.VERSION + "-exec.jar");
        Path log = RunningStack.ROOT.resolve("system-tests/target/realtime-service-2.log");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx384m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        secondInstance = builder.start();
        secondInstanceUri = URI.create("ws://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(secondInstance.isAlive()).as("see " + log).isTrue();
                    return http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    @AfterAll
    static void stopTheSecondInstance() throws Exception {
        if (secondInstance != null) {
            secondInstance.destroy();
            if (!secondInstance.waitFor(30, TimeUnit.SECONDS)) {
                secondInstance.destroyForcibly();
            }
        }
    }

    @Test
    void everySocketOnEitherInstanceHearsEveryEventExactlyOnceInOrder() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        String path = "/ws/chat/" + conversation + "/?since_seq=1";
        List<Socket> sockets = new ArrayList<>();
        try (Socket aliceOnFirst = Socket.open(stack, path + "&access_token=" + alice.token(), Map.of());
                Socket bobOnFirst = Socket.open(stack, path + "&access_token=" + bob.token(), Map.of());
                Socket aliceOnSecond = Socket.open(
                        secondInstanceUri.resolve(path), Map.of("Authorization", "Bearer " + alice.token()));
                Socket bobOnSecond = Socket.open(
                        secondInstanceUri.resolve(path), Map.of("Authorization", "Bearer " + bob.token()))) {
            sockets.addAll(List.of(aliceOnFirst, bobOnFirst, aliceOnSecond, bobOnSecond));
            for (Socket socket : sockets) {
                assertThat(socket.awaitPing(WAIT)).isTrue();
            }

            // over REST, and over sockets of both instances, interleaved
            for (int i = 0; i < 20; i++) {
                api.send(i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, "rest " + i);
                (i % 2 == 0 ? aliceOnSecond : bobOnFirst)
                        .send("{\"type\": \"chat_message\", \"content\": \"socket " + i + "\"}");
            }
            JsonNode last = api.send(alice, bob, "to be edited");
            long lastId = last.path("id").asLong();
            api.call("PATCH", "/api/messages/" + lastId + "/", alice, "{\"content\": \"edited\"}");
            api.call("PATCH", "/api/messages/" + lastId + "/", bob, "{\"is_read\": true}");
            aliceOnSecond.send("{\"type\": \"delete_message\", \"message_id\": " + lastId + "}");
            int events = 20 + 20 + 1 + 3;

            List<List<String>> heard = new ArrayList<>();
            for (Socket socket : sockets) {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    JsonNode event = socket.next(WAIT);
                    assertThat(event).as("event %d of %d", i + 1, events).isNotNull();
                    assertThat(event.path("seq").asLong()).isEqualTo(i + 2);
                    seen.add(event.path("type").asString() + " "
                            + event.path("message").path("content").asString());
                }
                assertThat(socket.next(Duration.ofSeconds(1)))
                        .as("nothing twice")
                        .isNull();
                heard.add(seen);
            }
            assertThat(heard).allSatisfy(seen -> assertThat(seen).isEqualTo(heard.getFirst()));
            assertThat(heard.getFirst())
                    .filteredOn(e -> e.startsWith("new_message"))
                    .hasSize(41);
        }
    }

    /**
     * A client that stops reading fills its buffers until realtime-service closes it; meanwhile a
     * healthy client of the same conversation, through the same gateway to the same instance,
     * receives every message as fast as a control client on the other instance, which no stalled
     * client shares. Comparing the two at the same moments keeps the machine's own load out of the
     * figure.
     */
    @Test
    void aClientThatStopsReadingDoesNotDelayAHealthyOne() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        String path = "/ws/chat/" + conversation + "/?since_seq=1";
        // 12 KB of UTF-8 each (4,000 characters of three bytes): 600 of them overflow every buffer
        // between realtime-service and the stalled client
        String content = "漢".repeat(4_000);
        int count = 600;
        try (Socket stalled = Socket.openStalled(stack, path + "&access_token=" + alice.token(), Map.of());
                Socket healthy = Socket.open(stack, path + "&access_token=" + bob.token(), Map.of());
                Socket control = Socket.open(
                        secondInstanceUri.resolve(path), Map.of("Authorization", "Bearer " + bob.token()))) {
            assertThat(healthy.awaitPing(WAIT)).isTrue();
            assertThat(control.awaitPing(WAIT)).isTrue();

            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<?> sending = sender.submit(() -> {
                for (int i = 0; i < count; i++) {
                    api.call(
                            "POST",
                            "/api/conversations/" + conversation + "/messages/",
                            alice,
                            "{\"content\": \"" + content + "\"}");
                }
                return null;
            });
            Map<Long, Long> healthyAt = arrivals(healthy, count);
            Map<Long, Long> controlAt = arrivals(control, count);
            sending.get();
            sender.shutdown();

            long[] lag = healthyAt.entrySet().stream()
                    .mapToLong(e -> Math.max(0, e.getValue() - controlAt.get(e.getKey())))
                    .sorted()
                    .toArray();
            System.out.printf(
                    "healthy client beside a stalled one, lag behind a control client, ms: p50 %.1f p95 %.1f max %.1f%n",
                    ms(lag, 50), ms(lag, 95), ms(lag, 100));
            assertThat(ms(lag, 95)).as("p95 lag, ms").isLessThanOrEqualTo(50.0);

            // the stalled client was dropped: reading again, it finds a close, not every message
            stalled.readAgain();
            int got = 0;
            while (stalled.next(Duration.ofSeconds(2)) != null) {
                got++;
            }
            assertThat(got).isLessThan(count);
            assertThat(stalled.isOpen()).isFalse();
        }
    }

    /** Last: it stops the second instance. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anInstanceThatShutsDownClosesItsSocketsWithGoingAway() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        try (Socket socket = Socket.open(
                        secondInstanceUri.resolve("/ws/chat/" + conversation + "/"),
                        Map.of("Authorization", "Bearer " + bob.token()));
                Socket stream = Socket.open(
                        secondInstanceUri.resolve("/ws/chat/"), Map.of("Authorization", "Bearer " + bob.token()))) {
            assertThat(socket.awaitPing(WAIT)).isTrue();
            secondInstance.destroy(); // SIGTERM, as an orchestrator stops a pod
            assertThat(socket.closeCode(WAIT)).isEqualTo(1001);
            assertThat(stream.closeCode(WAIT)).isEqualTo(1001);
        }
    }

    /** When each of {@code count} new messages reached {@code socket}, by message id. */
    private static Map<Long, Long> arrivals(Socket socket, int count) throws InterruptedException {
        Map<Long, Long> at = new java.util.HashMap<>();
        while (at.size() < count) {
            Received event = socket.nextReceived(WAIT);
            assertThat(event).as("after %d of %d", at.size(), count).isNotNull();
            at.put(event.event().path("message").path("id").asLong(), event.atNanos());
        }
        return at;
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
