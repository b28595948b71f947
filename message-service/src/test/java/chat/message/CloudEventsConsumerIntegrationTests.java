package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.ChatInfrastructure;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another system reading message-service's records with nothing but Kafka's client and the
 * CloudEvents SDK's Kafka deserializer: the records follow the CloudEvents Kafka binding
 * (structured mode), so the SDK hands over the event the service published through its outbox.
 */
@ServiceIntegrationTest
@WithFakeConversationService
class CloudEventsConsumerIntegrationTests {

    static final FakeConversationService CONVERSATIONS = FakeConversationService.shared();

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final ServiceCalls api = ServiceCalls.onPort(() -> port);

    @Test
    void theCloudEventsSdkReadsAMessageCreatedRecordAsTheEventTheServicePublished() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        Instant before = Instant.now();
        Reply sent = send(alice, bob, "Read me with any CloudEvents SDK 👋");
        assertThat(sent.status()).isEqualTo(201);
        JsonNode message = sent.body();
        long conversation = message.path("conversation").asLong();
        // the same event, as the service handed it to conversation-service before answering
        JsonNode published = CONVERSATIONS.pushed.stream()
                .map(push -> push.events().path(0))
                .filter(event -> event.path("subject").asString().equals(Long.toString(conversation)))
                .findFirst()
                .orElseThrow();

        String id = published.path("id").asString();

        CloudEvent event = eventOf(Topics.MESSAGES, Long.toString(conversation), id);

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(UUID.fromString(event.getId())).hasToString(id);
        assertThat(event.getType()).isEqualTo("chat.message.created");
        assertThat(event.getSource()).isEqualTo(URI.create("/message-service"));
        assertThat(event.getSubject()).isEqualTo(Long.toString(conversation));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getTime().toInstant())
                .isEqualTo(Instant.parse(published.path("time").asString()))
                .isBetween(before.minusSeconds(1), Instant.now());
        assertThat(event.getExtensionNames()).isEmpty();

        JsonNode data = json.readTree(event.getData().toBytes());
        assertThat(data.path("seq").asLong()).isEqualTo(1);
        assertThat(data.path("conversation").asLong()).isEqualTo(conversation);
        assertThat(data.path("actor").asLong()).isEqualTo(alice.id());
        JsonNode created = data.path("message");
        assertThat(created.path("id").asLong()).isEqualTo(message.path("id").asLong());
        assertThat(created.path("sender").asLong()).isEqualTo(alice.id());
        assertThat(created.path("recipient").asLong()).isEqualTo(bob.id());
        assertThat(created.path("content").asString()).isEqualTo("Read me with any CloudEvents SDK 👋");
        assertThat(created.path("is_read").asBoolean()).isFalse();
        assertThat(data).isEqualTo(published.path("data"));
    }

    /**
     * Reads {@code topic} from the beginning, as a new consumer group of another system would, up
     * to the event {@code id} under {@code key} (the id names it: every test of this JVM writes
     * to the same topic).
     */
    private static CloudEvent eventOf(String topic, String key, String id) {
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ChatInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "another-system-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                CloudEventDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key()) && id.equals(record.value().getId())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No event " + id + " under key " + key + " on " + topic + " within 20 s");
    }

    private Reply send(TestUser from, TestUser to, String content) throws Exception {
        return api.call(
                "POST",
                "/api/messages/",
                from,
                json.writeValueAsString(Map.of("content", content, "recipient_id", to.id())));
    }

    /** A user this service's directory knows: their own first request puts them there. */
    private TestUser known(TestUser user) throws Exception {
        api.get("/api/messages/0/", user);
        return user;
    }
}
