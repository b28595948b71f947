package chat.conversation.conversations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 1:1 conversation between two users; its participants never change. Its preview of the last
 * message and its place in its message events change only through the methods below, applied
 * under a lock on its row ({@link Conversations#lockById}); the row itself is made by
 * {@link Conversations#insertIfAbsent}.
 */
@Entity
@DynamicUpdate
public class Conversation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_low", nullable = false, updatable = false)
    private long userLow;

    @Column(name = "user_high", nullable = false, updatable = false)
    private long userHigh;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    @Column(name = "last_message_id")
    private @Nullable Long lastMessageId;

    /** The last message as message-service's event described it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_message")
    private @Nullable String lastMessage;

    /** The seq of the last message event applied; null for rows from before it was kept. */
    @Column(name = "applied_seq")
    private @Nullable Long appliedSeq;

    protected Conversation() {}

    /** A conversation as it stands before any message, for rules that need no database. */
    Conversation(long id, Pair pair, Instant createdAt, @Nullable Long appliedSeq) {
        this.id = id;
        this.userLow = pair.low();
        this.userHigh = pair.high();
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
        this.appliedSeq = appliedSeq;
    }

    public long id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The last message's time, else the creation time: the lists are ordered by it (spec B.8). */
    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Optional<Long> lastMessageId() {
        return Optional.ofNullable(lastMessageId);
    }

    public Optional<String> lastMessage() {
        return Optional.ofNullable(lastMessage);
    }

    public List<Long> participants() {
        return List.of(userLow, userHigh);
    }

    public @Nullable Long appliedSeq() {
        return appliedSeq;
    }

    /** Whether {@code userId} may see this conversation: a participant, or staff (spec B.5, B.6). */
    public boolean isVisibleTo(long userId, boolean staff) {
        return staff || userId == userLow || userId == userHigh;
    }

    /**
     * A message was sent: it becomes the last message, and the conversation's activity moves to its
     * time, unless a later message is shown already (message ids grow with time, and an event may
     * arrive after a later one's). Whether the preview changed.
     */
    public boolean messageSent(long messageId, String snapshot, Instant sentAt) {
        if (lastMessageId != null && lastMessageId >= messageId) {
            return false;
        }
        lastMessageId = messageId;
        lastMessage = snapshot;
        lastActivityAt = sentAt;
        return true;
    }

    /**
     * A message was edited or deleted: if it is the one shown, the preview shows it as it is now; a
     * change to an earlier message shows nowhere. The activity time stays the sending time.
     */
    public boolean messageChanged(long messageId, String snapshot) {
        if (lastMessageId == null || lastMessageId != messageId) {
            return false;
        }
        lastMessage = snapshot;
        return true;
    }

    /** The message shown was read: the preview says so from now on. */
    public void shownMessageRead() {
        if (lastMessage == null) {
            return;
        }
        JsonNode snapshot = JsonMapper.shared().readTree(lastMessage);
        if (snapshot instanceof ObjectNode message && !message.path("is_read").asBoolean()) {
            message.put("is_read", true);
            lastMessage = message.toString();
        }
    }

    /** The conversation's message events are applied up to {@code seq}. */
    public void eventsAppliedUpTo(long seq) {
        appliedSeq = seq;
    }
}
