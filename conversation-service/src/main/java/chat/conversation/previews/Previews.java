package chat.conversation.previews;

import chat.common.events.ProcessedEvents;
import chat.common.events.Topics;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each conversation's last message and what its participants have not read, from
 * message-service's events. A conversation's events arrive in order (they share a partition);
 * each is applied once, whatever Kafka redelivers.
 */
@Component
class Previews {

    static final String ATTACHMENT_ADDED = "chat.attachment.added";

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    Previews(JdbcClient jdbc, ProcessedEvents processed, JsonMapper json, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
        this.transactions = transactions;
    }

    /**
     * What one poll brought, applied in one transaction: under load a poll brings many events, and
     * a commit per event was most of this service's work. If the batch cannot be applied, its
     * events are applied one at a time to find the one at fault; those before it stay applied,
     * and the error handler retries it, then moves it to the dead-letter topic, and goes on with
     * the rest.
     */
    @KafkaListener(
            id = "conversation-service.previews",
            topics = Topics.MESSAGES,
            groupId = "conversation-service.previews",
            batch = "true",
            // A fetch waits up to 20 ms for more events (or 16 KiB of them): under load one fetch
            // brings a batch instead of one event each, and a preview lags by at most that much more.
            properties = {"auto.offset.reset=earliest", "fetch.min.bytes=16384", "fetch.max.wait.ms=20"})
    void onMessageEvents(List<ConsumerRecord<String, String>> records) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(this::onMessageEvent));
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                try {
                    transactions.executeWithoutResult(status -> onMessageEvent(record));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(
                            "event at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " cannot be applied",
                            failed,
                            i);
                }
            }
        }
    }

    private void onMessageEvent(ConsumerRecord<String, String> record) {
        JsonNode tree = json.readTree(record.value());
        String type = tree.path("type").asString();
        if (!MessageEvent.APPLIED.contains(type)) {
            // other types on the topic (attachment_added: attachments come from their own topic)
            return;
        }
        MessageEvent event = json.treeToValue(tree, MessageEvent.class);
        if (!processed.firstTime(event.id())) {
            return;
        }
        JsonNode message = tree.path("data").path("message");
        switch (event.type()) {
            case MessageEvent.CREATED -> created(event.data(), message);
            case MessageEvent.EDITED, MessageEvent.DELETED -> changed(event.data(), message);
            case MessageEvent.READ -> read(event.data());
            default -> throw new IllegalStateException("unexpected " + event.type());
        }
    }

    /** Attachments of any message: the one shown as last message may gain files later. */
    @KafkaListener(
            id = "conversation-service.previews.attachments",
            topics = Topics.ATTACHMENTS,
            groupId = "conversation-service.previews.attachments",
            properties = {"auto.offset.reset=earliest"})
    @Transactional
    void onAttachmentEvent(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        if (!ATTACHMENT_ADDED.equals(event.path("type").asString())
                || !processed.firstTime(event.path("id").asString())) {
            return;
        }
        JsonNode attachment = event.path("data").path("attachment");
        jdbc.sql("""
                        insert into conversation_attachment (id, message_id, object_key, uploaded_at)
                        values (?, ?, ?, ?) on conflict (id) do nothing""")
                .params(
                        attachment.path("id").asLong(),
                        attachment.path("message").asLong(),
                        attachment.path("object_key").asString(),
                        Timestamp.from(
                                Instant.parse(attachment.path("uploaded_at").asString())))
                .update();
    }

    private void created(MessageEvent.Data data, JsonNode message) {
        MessageEvent.Message m = json.treeToValue(message, MessageEvent.Message.class);
        jdbc.sql("""
                        insert into conversation_message (id, conversation_id, sender_id, is_read, is_deleted)
                        values (?, ?, ?, ?, ?) on conflict (id) do nothing""")
                .params(m.id(), data.conversation(), m.sender(), m.read(), m.deleted())
                .update();
        jdbc.sql("""
                        update conversation
                        set last_message_id = ?, last_message = cast(? as jsonb), last_activity_at = ?
                        where id = ? and coalesce(last_message_id, 0) < ?""")
                .params(
                        m.id(),
                        json.writeValueAsString(message),
                        Timestamp.from(Instant.parse(m.timestamp())),
                        data.conversation(),
                        m.id())
                .update();
    }

    private void changed(MessageEvent.Data data, JsonNode message) {
        MessageEvent.Message m = json.treeToValue(message, MessageEvent.Message.class);
        jdbc.sql("update conversation_message set is_deleted = ?, is_read = ? where id = ?")
                .params(m.deleted(), m.read(), m.id())
                .update();
        jdbc.sql("update conversation set last_message = cast(? as jsonb) where id = ? and last_message_id = ?")
                .params(json.writeValueAsString(message), data.conversation(), m.id())
                .update();
    }

    private void read(MessageEvent.Data data) {
        if (data.upTo() != null) {
            jdbc.sql("""
                            update conversation_message set is_read = true
                            where conversation_id = ? and sender_id <> ? and id <= ? and not is_read""").params(data.conversation(), data.actor(), data.upTo()).update();
        }
        if (data.messageIds() != null && !data.messageIds().isEmpty()) {
            jdbc.sql("update conversation_message set is_read = true where id = any(?)")
                    .param(data.messageIds().toArray(Long[]::new))
                    .update();
        }
        // the preview follows the read state of the message it shows
        jdbc.sql("""
                        update conversation c
                        set last_message = jsonb_set(c.last_message, '{is_read}', 'true'::jsonb)
                        from conversation_message m
                        where c.id = ? and m.id = c.last_message_id and m.is_read
                          and not (c.last_message -> 'is_read')::boolean""").param(data.conversation()).update();
    }
}
