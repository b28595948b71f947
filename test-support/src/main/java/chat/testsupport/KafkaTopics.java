package chat.testsupport;

import chat.common.events.CloudEventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reading and writing the test broker's topics as another system would. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /**
     * Publishes one record as the contract's producers do (a structured-mode CloudEvents record,
     * whatever {@code value} holds) and waits for the broker to take it.
     */
    public static void publish(String topic, String key, String value) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        ChatInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(CloudEventRecords.of(topic, key, value)).get();
        }
    }

    /**
     * The values of {@code topic}'s records under {@code key}, read from the beginning until
     * {@code expected} arrived (or 20 s passed), then one second more, so that a record published
     * twice shows up twice.
     */
    public static List<String> valuesOf(String topic, String key, int expected) {
        return recordsOf(topic, key, expected).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** {@code topic}'s records under {@code key}, headers and all, read as {@link #valuesOf} does. */
    public static List<ConsumerRecord<String, String>> recordsOf(String topic, String key, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                collect(consumer.poll(Duration.ofMillis(300)), key, found);
            }
            collect(consumer.poll(Duration.ofSeconds(1)), key, found);
        }
        return found;
    }

    /** Every value on {@code topic}, whatever its key, read from the beginning for {@code during}. */
    public static List<String> allValuesOf(String topic, Duration during) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            long deadline = System.nanoTime() + during.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> found.add(record.value()));
            }
        }
        return found;
    }

    private static KafkaConsumer<String, String> fromTheBeginning(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ChatInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void collect(
            Iterable<ConsumerRecord<String, String>> records, String key, List<ConsumerRecord<String, String>> found) {
        for (ConsumerRecord<String, String> record : records) {
            if (key.equals(record.key())) {
                found.add(record);
            }
        }
    }
}
