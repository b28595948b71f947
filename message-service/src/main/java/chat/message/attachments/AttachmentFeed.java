package chat.message.attachments;

import chat.common.events.ProcessedEvents;
import chat.common.events.Topics;
import chat.message.events.MessageEvents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records each message's attachments from attachment-service's events, once per event, and
 * announces each in the conversation's own sequence. The events come from Kafka and, right after
 * an upload commits, from attachment-service itself (ADR 0009); both go through {@link #apply}.
 */
@Component
public class AttachmentFeed {

    static final String ADDED = "chat.attachment.added";

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final MessageEvents events;
    private final JsonMapper json;

    AttachmentFeed(JdbcClient jdbc, ProcessedEvents processed, MessageEvents events, JsonMapper json) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.events = events;
        this.json = json;
    }

    @KafkaListener(
            id = "message-service.attachments",
            topics = Topics.ATTACHMENTS,
            groupId = "message-service.attachments",
            properties = {"auto.offset.reset=earliest"})
    @Transactional
    void onAttachmentEvent(ConsumerRecord<String, String> record) {
        apply(json.readTree(record.value()));
    }

    /** Attachment events the uploader pushed right after its commit, in one transaction. */
    @Transactional
    public void onPushedEvents(List<JsonNode> events) {
        events.forEach(this::apply);
    }

    /**
     * A push and Kafka's record of the same event that race both insert its id: the second waits
     * for the first to commit, then finds it, so the attachment is recorded and announced once.
     */
    private void apply(JsonNode event) {
        if (!ADDED.equals(event.path("type").asString())
                || !processed.firstTime(event.path("id").asString())) {
            return;
        }
        JsonNode data = event.path("data");
        JsonNode attachment = data.path("attachment");
        Instant uploadedAt = Instant.parse(attachment.path("uploaded_at").asString());
        int added = jdbc.sql("""
                        insert into message_attachment (id, message_id, object_key, uploaded_at)
                        values (?, ?, ?, ?) on conflict (id) do nothing""")
                .params(
                        attachment.path("id").asLong(),
                        attachment.path("message").asLong(),
                        attachment.path("object_key").asString(),
                        Timestamp.from(uploadedAt))
                .update();
        if (added == 1) {
            events.attachmentAdded(
                    data.path("conversation").asLong(),
                    attachment.path("message").asLong(),
                    data.path("actor").asLong(),
                    attachment.path("id").asLong(),
                    uploadedAt);
        }
    }
}
