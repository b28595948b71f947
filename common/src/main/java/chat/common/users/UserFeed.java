package chat.common.users;

import chat.common.events.EventEnvelope;
import chat.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the directory current from the compacted {@link Topics#USERS} topic. One consumer group
 * per service: every instance shares the service's database, so each profile is written once.
 * Reading from the earliest offset rebuilds the whole directory into a new database.
 */
public class UserFeed {

    public static final String PROFILE_UPDATED = "chat.user.updated";
    private static final Logger log = LoggerFactory.getLogger(UserFeed.class);

    private final UserDirectory directory;
    private final JsonMapper json;

    public UserFeed(UserDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(
            id = "${spring.application.name}.user-directory",
            topics = Topics.USERS,
            groupId = "${spring.application.name}.user-directory",
            properties = {"auto.offset.reset=earliest"})
    void onProfile(ConsumerRecord<String, @Nullable String> record) {
        if (record.value() == null) {
            // A tombstone removes the profile from the feed; messages already sent still name the
            // user, so the local copy is kept rather than rendering them as unknown.
            return;
        }
        try {
            EventEnvelope event = json.readValue(record.value(), EventEnvelope.class);
            if (!PROFILE_UPDATED.equals(event.type())) {
                log.warn("Skipping event of unknown type {} on {}", event.type(), record.topic());
                return;
            }
            directory.save(json.treeToValue(event.data(), UserProfile.class));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            // One bad profile must not stop every later profile from arriving.
            log.warn(
                    "Skipping unreadable profile at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadable.getMessage());
        }
    }
}
