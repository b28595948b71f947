package chat.realtime.delivery;

import java.util.List;
import java.util.Optional;

/**
 * Who takes part in a conversation, asked only for an event that does not name its participants
 * (one written before message events carried them) and for typing, whose events never do.
 */
@FunctionalInterface
public interface ConversationParticipants {

    /**
     * The conversation's participants, empty for an unknown conversation.
     *
     * @throws org.springframework.web.client.RestClientException when whoever knows cannot be asked
     */
    Optional<List<Long>> participants(long conversation);
}
