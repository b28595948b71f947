package chat.devissuer;

import chat.common.events.CloudEventRecords;
import chat.common.events.EventEnvelope;
import chat.common.events.Topics;
import chat.common.users.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes registered profiles on the compacted {@link Topics#USERS} topic, as the platform does
 * in a deployment, so that every service's directory learns the user.
 */
final class ProfileFeed implements AutoCloseable {

    static final String SOURCE = "/dev-token-issuer";
    static final String PROFILE_UPDATED = "chat.user.updated";

    private final KafkaProducer<String, String> producer;
    private final JsonMapper json;

    ProfileFeed(String bootstrapServers, JsonMapper json) {
        this.json = json;
        createTopic(bootstrapServers);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    /** Returns once the broker has the profile, so the caller's next request can rely on it. */
    void publish(UserProfile profile) {
        String id = Long.toString(profile.id());
        EventEnvelope event = EventEnvelope.of(PROFILE_UPDATED, SOURCE, id, json.valueToTree(profile), Instant.now());
        try {
            producer.send(CloudEventRecords.of(Topics.USERS, id, json.writeValueAsString(event)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the profile", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the profile of user " + id, e);
        }
    }

    /** Same shape the services declare, so whichever side starts first creates it correctly. */
    private static void createTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic topic = new NewTopic(Topics.USERS, 3, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + Topics.USERS, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
