package chat.attachment.events;

import chat.attachment.attachments.Attachment;
import chat.common.events.Outbox;
import chat.common.events.Topics;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** {@code chat.attachment.added} on {@value Topics#ATTACHMENTS}, keyed by conversation, through the outbox. */
@Component
public class AttachmentEvents {

    public static final String ADDED = "chat.attachment.added";
    static final String SOURCE = "/attachment-service";

    private final Outbox outbox;

    AttachmentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** In the transaction that stores the record. */
    public void added(Attachment attachment, long actor) {
        String key = Long.toString(attachment.conversationId());
        AttachmentAdded data = new AttachmentAdded(
                attachment.conversationId(),
                attachment.messageId(),
                actor,
                new AttachmentData(
                        attachment.id(),
                        attachment.messageId(),
                        attachment.objectKey(),
                        attachment.contentType(),
                        attachment.size(),
                        attachment.uploadedAt()));
        outbox.append(Topics.ATTACHMENTS, key, null, ADDED, SOURCE, data);
    }

    record AttachmentAdded(long conversation, long message, long actor, AttachmentData attachment) {}

    /** The object key lets consumers sign links to the file themselves. */
    record AttachmentData(
            long id,
            long message,
            @JsonProperty("object_key") String objectKey,
            @JsonProperty("content_type") String contentType,
            long size,
            @JsonProperty("uploaded_at") Instant uploadedAt) {}
}
