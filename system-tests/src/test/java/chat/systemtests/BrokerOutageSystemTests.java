package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import java.io.IOException;
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
 * The broker stops answering while users keep sending (its process is frozen with SIGSTOP, so that
 * every connection to it hangs as on a dead host): no send fails, and once it is back every event
 * reaches its topic exactly once, in seq order, with no gap.
 */
@ExtendWith(SharedStack.class)
@Order(2)
class BrokerOutageSystemTests {

    static final int SENDS = 200;

    @Test
    void loosesNoEventWhileKafkaIsDown() throws Exception {
        RunningStack stack = SharedStack.get();
        Api api = new Api(stack);
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation =
                api.send(alice, bob, "before the outage").path("conversation").asLong();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messageEvents(stack, conversation).size() == 1);

        ProcessHandle kafka = stack.kafkaProcess();
        signal("STOP", kafka);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < SENDS; i++) {
                Reply sent = api.call(
                        "POST",
                        "/api/conversations/" + conversation + "/messages/",
                        i % 2 == 0 ? alice : bob,
                        "{\"content\": \"during outage " + i + "\"}");
                statuses.add(sent.status());
            }
        } finally {
            signal("CONT", kafka);
        }
        assertThat(statuses).hasSize(SENDS).containsOnly(201);

        await().atMost(Duration.ofMinutes(2))
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
                        .isEqualTo("during outage " + (SENDS - 1)));
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

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(exit).as("kill -%s %d", signal, process.pid()).isZero();
    }
}
