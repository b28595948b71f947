package chat.conversation.conversations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A 1:1 conversation between two users; its participants never change. */
@Entity
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

    @Column(name = "last_message_id", insertable = false, updatable = false)
    private Long lastMessageId;

    /** The last message as message-service's event described it; written by the previews. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_message", insertable = false, updatable = false)
    private String lastMessage;

    protected Conversation() {}

    public long id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
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

    /** Whether {@code userId} may see this conversation: a participant, or staff (spec B.5, B.6). */
    public boolean isVisibleTo(long userId, boolean staff) {
        return staff || userId == userLow || userId == userHigh;
    }
}
