package chat.conversation.starting;

import chat.common.events.Outbox;
import chat.common.events.Topics;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the 1:1 conversation of a pair of users, creating it on the first message. Exactly one
 * exists per unordered pair even when both users start it at the same instant: the pair is
 * stored ordered under a unique constraint, and the loser of a race finds the winner's row.
 */
@Service
public class ConversationStarting {

    public static final String CONVERSATION_CREATED = "chat.conversation.created";
    static final String SOURCE = "/conversation-service";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    ConversationStarting(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** The conversation of {@code initiator} and {@code other}; {@code created} if this call made it. */
    @Transactional
    public StartedConversation findOrCreate(long initiator, long other) {
        if (initiator == other) {
            throw new IllegalArgumentException("A conversation needs two different users.");
        }
        long low = Math.min(initiator, other);
        long high = Math.max(initiator, other);
        return jdbc.sql("""
                        insert into conversation (user_low, user_high) values (?, ?)
                        on conflict (user_low, user_high) do nothing
                        returning id, created_at""")
                .params(low, high)
                .query((rs, n) -> new StartedConversation(
                        rs.getLong("id"),
                        List.of(low, high),
                        rs.getTimestamp("created_at").toInstant(),
                        true))
                .optional()
                .map(created -> announce(created, initiator))
                .orElseGet(() -> jdbc.sql(
                                "select id, created_at from conversation where user_low = ? and user_high = ?")
                        .params(low, high)
                        .query((rs, n) -> new StartedConversation(
                                rs.getLong("id"),
                                List.of(low, high),
                                rs.getTimestamp("created_at").toInstant(),
                                false))
                        .single());
    }

    private StartedConversation announce(StartedConversation conversation, long initiator) {
        ConversationCreated data = new ConversationCreated(
                conversation.id(), conversation.participants(), conversation.createdAt(), initiator);
        outbox.append(Topics.CONVERSATIONS, Long.toString(conversation.id()), null, CONVERSATION_CREATED, SOURCE, data);
        return conversation;
    }

    public record StartedConversation(long id, List<Long> participants, Instant createdAt, boolean created) {}
}
