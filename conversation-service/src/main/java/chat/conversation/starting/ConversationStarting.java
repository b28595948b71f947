package chat.conversation.starting;

import chat.common.events.Outbox;
import chat.common.events.Topics;
import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.Conversations;
import chat.conversation.conversations.Pair;
import java.time.Instant;
import java.util.List;
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

    private final Conversations conversations;
    private final Outbox outbox;

    ConversationStarting(Conversations conversations, Outbox outbox) {
        this.conversations = conversations;
        this.outbox = outbox;
    }

    /** The conversation of {@code initiator} and {@code other}; {@code created} if this call made it. */
    @Transactional
    public StartedConversation findOrCreate(long initiator, long other) {
        Pair pair = Pair.of(initiator, other);
        boolean created = conversations.insertIfAbsent(pair);
        Conversation conversation = conversations.findByPair(pair).orElseThrow();
        StartedConversation started = new StartedConversation(
                conversation.id(), conversation.participants(), conversation.createdAt(), created);
        if (created) {
            ConversationCreated data =
                    new ConversationCreated(started.id(), started.participants(), started.createdAt(), initiator);
            outbox.append(Topics.CONVERSATIONS, Long.toString(started.id()), null, CONVERSATION_CREATED, SOURCE, data);
        }
        return started;
    }

    public record StartedConversation(long id, List<Long> participants, Instant createdAt, boolean created) {}
}
