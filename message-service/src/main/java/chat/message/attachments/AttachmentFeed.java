package chat.message.attachments;

import chat.common.events.ProcessedEvents;
import chat.common.events.Topics;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records each message's attachments from attachment-service's events, once per event. */
@Component
class AttachmentFeed {

    static final String ADDED = "chat.attachment.added";

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    AttachmentFeed(JdbcClient jdbc, ProcessedEvents processed, JsonMapper json) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(
            id = "message-service.attachments",
            topics = Topics.ATTACHMENTS,
            groupId = "message-service.attachments",
            properties = {"auto.offset.reset=earliest"})
    @Transactional
    void onAttachmentEvent(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        if (!ADDED.equals(event.path("type").asString())
                || !processed.firstTime(event.path("id").asString())) {
            return;
        }
        JsonNode attachment = event.path("data").path("attachment");
        jdbc.sql("""
                        insert into message_attachment (id, message_id, object_key, uploaded_at)
                        values (?, ?, ?, ?) on conflict (id) do nothing""")
                .params(
                        attachment.path("id").asLong(),
                        attachment.path("message").asLong(),
                        attachment.path("object_key").asString(),
                        Timestamp.from(
                                Instant.parse(attachment.path("uploaded_at").asString())))
                .update();
    }
}
