package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.systemtests.RunningStack.Launch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The broker is killed (SIGKILL, as a crashed host ends it) in the middle of a burst of sends and
 * started again a few seconds later with the same command line, data and port: no send fails, and
 * once it is back every event reaches its topic exactly once, in seq order, with no gap, and both
 * participants' sockets receive every acknowledged message once, in order (the counting method of
 * {@code docs/reliability.md}).
 */
@ExtendWith(SharedStack.class)
@Order(3) // it takes the broker away: after the classes that need every part running
class BrokerOutageSystemTests {

    static final int SENDS = 150;
    static final Duration DOWN = Duration.ofSeconds(5);

    @Test
    void losesNoEventWhenKafkaIsKilledAndStartedAgain() throws Exception {
        RunningStack stack = SharedStack.get();
        Api api = new Api(stack);
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation =
                api.send(alice, bob, "before the outage").path("conversation").asLong();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messageEvents(stack, conversation).size() == 1);

        String path = "/ws/chat/" + conversation + "/?since_seq=1&access_token=";
        try (Client aliceClient = new Client("alice", Socket.open(stack, path + alice.token(), Map.of()), 1);
                Client bobClient = new Client("bob", Socket.open(stack, path + bob.token(), Map.of()), 1);
                Burst burst = new Burst(api, conversation, alice, bob, SENDS, Duration.ofMinutes(3))) {
            assertThat(aliceClient.socket().awaitPing(Duration.ofSeconds(15))).isTrue();
            assertThat(bobClient.socket().awaitPing(Duration.ofSeconds(15))).isTrue();
            burst.awaitAcknowledged(SENDS / 3, Duration.ofMinutes(1));
            ProcessHandle kafka = stack.kafkaProcess();
            Launch launch = Launch.of(kafka);
            long killedAt = System.nanoTime();
            RunningStack.kill(kafka);
            try {
                Thread.sleep(DOWN);
            } finally {
                stack.startAgain("kafka", launch, true);
            }
            burst.awaitEnd(Duration.ofMinutes(2));
            long caughtUp = Math.max(
                    aliceClient.awaitAll(burst.acknowledged(), Duration.ofMinutes(2), FaultSystemTests.QUIET),
                    bobClient.awaitAll(burst.acknowledged(), Duration.ofMinutes(2), FaultSystemTests.QUIET));

            FaultSystemTests.report(
                    "Kafka broker killed (SIGKILL) mid-burst, started again after " + DOWN.toSeconds() + " s",
                    burst,
                    Duration.ofNanos(caughtUp - killedAt),
                    aliceClient,
                    bobClient);
            assertThat(burst.statuses()).as(burst.failures().toString()).isEqualTo(Map.of(201, SENDS));
        }

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> messageEvents(stack, conversation).size() >= SENDS + 1);
        List<JsonNode> events = messageEvents(stack, conversation);
        Set<String> ids = new HashSet<>();
        for (JsonNode event : events) {
            assertThat(ids.add(event.path("id").asString()))
                    .as("event %s twice", event.path("id"))
                    .isTrue();
        }
        List<Long> seqs =
                events.stream().map(e -> e.path("data").path("seq").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= SENDS + 1; seq++) {
            expected.add(seq);
        }
        assertThat(seqs).isEqualTo(expected);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(api.get("/api/conversations/" + conversation + "/", alice)
                                .body()
                                .path("last_message")
                                .path("content")
                                .asString())
                        .startsWith("burst "));
    }

    static List<JsonNode> messageEvents(RunningStack stack, long conversation) {
        return events(stack, "chat.message.v1", conversation);
    }

    /** Every event of one conversation on {@code topic}, read from the start of the topic. */
    static List<JsonNode> events(RunningStack stack, String topic, long conversation) {
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofMillis(700));
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, String> record : records) {
                    if (Long.toString(conversation).equals(record.key())) {
                        events.add(Api.JSON.readTree(record.value()));
                    }
                }
            }
        }
        return events;
    }
}
