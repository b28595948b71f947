package chat.attachment.attachments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A file attached to a message; the bytes live in the bucket under {@code objectKey}. */
@Entity
public class Attachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    private long messageId;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private long conversationId;

    @Column(name = "object_key", nullable = false, updatable = false)
    private String objectKey;

    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long size;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private long uploadedBy;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    @Column(name = "removed_at")
    private @Nullable Instant removedAt;

    protected Attachment() {}

    public Attachment(
            long messageId,
            long conversationId,
            String objectKey,
            String contentType,
            long size,
            long uploadedBy,
            Instant uploadedAt) {
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.objectKey = objectKey;
        this.contentType = contentType;
        this.size = size;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    public long id() {
        return id;
    }

    public long messageId() {
        return messageId;
    }

    public long conversationId() {
        return conversationId;
    }

    public String objectKey() {
        return objectKey;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    /** The file is gone from the bucket (its message was deleted); the record stays. */
    public void removed(Instant at) {
        this.removedAt = at;
    }
}
