package chat.attachment.messages;

import chat.attachment.attachments.Attachment;
import chat.attachment.attachments.Attachments;
import chat.attachment.storage.FileStore;
import chat.common.events.Topics;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
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

    DeletedMessages(Attachments attachments, FileStore files, JsonMapper json) {
        this.attachments = attachments;
        this.files = files;
        this.json = json;
    }

    @KafkaListener(
            id = "attachment-service.deleted-messages",
            topics = Topics.MESSAGES,
            groupId = "attachment-service.deleted-messages",
            properties = {"auto.offset.reset=earliest"})
    @Transactional
    void onMessageEvent(ConsumerRecord<String, String> record) throws Exception {
        JsonNode event = json.readTree(record.value());
        if (!DELETED.equals(event.path("type").asString())) {
            return;
        }
        long message = event.path("data").path("message").path("id").asLong();
        for (Attachment attachment : attachments.findByMessageIdAndRemovedAtIsNull(message)) {
            files.remove(attachment.objectKey());
            attachment.removed(Instant.now());
            attachments.save(attachment);
        }
    }
}
