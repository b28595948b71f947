package chat.attachment.messages;

import chat.attachment.attachments.Attachment;
import chat.attachment.attachments.Attachments;
import chat.attachment.storage.FileStore;
import chat.common.events.Topics;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removes the files of a deleted message from the bucket. Nobody can see them any more (no
 * service signs a link to a deleted message's files), and someone who deletes a message expects
 * its photo gone with it, not kept where a leaked link or a backup could still show it. Applying
 * the same deletion twice changes nothing, so redeliveries need no bookkeeping; a store that
 * cannot be reached makes the event retried, then parked on the dead-letter topic.
 */
@Component
class DeletedMessages {

    static final String DELETED = "chat.message.deleted";

    private final Attachments attachments;
    private final FileStore files;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    DeletedMessages(Attachments attachments, FileStore files, JsonMapper json, TransactionTemplate transactions) {
        this.attachments = attachments;
        this.files = files;
        this.json = json;
        this.transactions = transactions;
    }

    @KafkaListener(
            id = "attachment-service.deleted-messages",
            topics = Topics.MESSAGES,
            groupId = "attachment-service.deleted-messages",
            // Nothing waits on a file's removal: the broker answers a fetch once it holds 64 KiB or
            // half a second has passed, rather than for every message of the topic.
            properties = {"auto.offset.reset=earliest", "fetch.min.bytes=65536", "fetch.max.wait.ms=500"})
    void onMessageEvent(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        if (!DELETED.equals(event.path("type").asString())) {
            // most events on the topic are not deletions: they cost no transaction
            return;
        }
        long message = event.path("data").path("message").path("id").asLong();
        transactions.executeWithoutResult(status -> {
            for (Attachment attachment : attachments.findByMessageIdAndRemovedAtIsNull(message)) {
                try {
                    files.remove(attachment.objectKey());
                } catch (Exception e) {
                    // rolled back and retried, then parked on the dead-letter topic
                    throw new IllegalStateException("could not remove " + attachment.objectKey(), e);
                }
                attachment.removed(Instant.now());
                attachments.save(attachment);
            }
        });
    }
}
