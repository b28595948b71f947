package chat.message.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message of a 1:1 conversation. It guards its own rules: only its sender or staff change its
 * content or delete it (spec B.9, B.10), only its recipient marks it read, and a deleted message
 * keeps its place but no longer its content.
 */
@Entity
public class Message {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private long conversationId;

    @Column(name = "sender_id", nullable = false, updatable = false)
    private long senderId;

    @Column(name = "recipient_id", nullable = false, updatable = false)
    private long recipientId;

    @Column(nullable = false)
    private String content;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    private boolean edited;

    private boolean deleted;

    @Column(name = "read_at")
    private @Nullable Instant readAt;

    /** Read only by the deduplication of sends ({@link Messages#findByClientId}), in SQL. */
    @Column(name = "client_id", updatable = false)
    private @Nullable String clientId;

    protected Message() {}

    public Message(
            long conversationId,
            long senderId,
            long recipientId,
            MessageContent content,
            Instant createdAt,
            @Nullable String clientId) {
        this.conversationId = conversationId;
        this.senderId = senderId;
        this.recipientId = recipientId;
        this.content = content.text();
        this.createdAt = createdAt;
        this.clientId = clientId;
    }

    /** Changes the content; false if it was already exactly that (nothing to announce). */
    public boolean edit(long by, boolean staff, MessageContent newContent) {
        requireOwnerOrStaff(by, staff);
        if (deleted) {
            throw new MessageDeleted();
        }
        if (content.equals(newContent.text())) {
            return false;
        }
        content = newContent.text();
        edited = true;
        return true;
    }

    /** Soft delete: the message stays in lists, its content is no longer kept. False if already so. */
    public boolean delete(long by, boolean staff) {
        requireOwnerOrStaff(by, staff);
        if (deleted) {
            return false;
        }
        deleted = true;
        content = "";
        return true;
    }

    /**
     * Marks it read by its recipient; false if it already was, whose first read time stays.
     * {@link Messages#markReadUpTo} applies the same rule to many messages in one statement.
     */
    public boolean markRead(long by, Instant at) {
        if (by != recipientId) {
            throw new NotMessageRecipient();
        }
        if (readAt != null) {
            return false;
        }
        readAt = at;
        return true;
    }

    public boolean isVisibleTo(long userId, boolean staff) {
        return staff || userId == senderId || userId == recipientId;
    }

    private void requireOwnerOrStaff(long by, boolean staff) {
        if (!staff && by != senderId) {
            throw new NotMessageOwner();
        }
    }

    public long id() {
        return id;
    }

    public long conversationId() {
        return conversationId;
    }

    public long senderId() {
        return senderId;
    }

    public long recipientId() {
        return recipientId;
    }

    public String content() {
        return content;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isEdited() {
        return edited;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public boolean isRead() {
        return readAt != null;
    }
}
