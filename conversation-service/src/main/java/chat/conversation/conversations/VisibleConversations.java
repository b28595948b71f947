package chat.conversation.conversations;

import chat.common.security.ChatCaller;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversations a caller may see: their own, or every one for staff (spec B.5, B.6). An
 * outsider's view of someone else's conversation is empty, never "forbidden".
 */
@Service
@Transactional(readOnly = true)
public class VisibleConversations {

    private final Conversations conversations;

    VisibleConversations(Conversations conversations) {
        this.conversations = conversations;
    }

    /** Most recent activity first (spec B.8). */
    public List<Conversation> of(ChatCaller caller) {
        return caller.staff() ? conversations.findAllByActivity() : conversations.findAllOf(caller.userId());
    }

    /** One page of {@link #of}, and how many there are in all. */
    public Slice page(ChatCaller caller, Pageable page) {
        return caller.staff()
                ? new Slice(conversations.findPageByActivity(page), conversations.count())
                : new Slice(conversations.findPageOf(caller.userId(), page), conversations.countOf(caller.userId()));
    }

    public record Slice(List<Conversation> conversations, long total) {}

    public Optional<Conversation> one(long id, ChatCaller caller) {
        return conversations.findById(id).filter(c -> c.isVisibleTo(caller.userId(), caller.staff()));
    }

    /** For other chat services, which apply the visibility rules themselves. */
    public Optional<Conversation> byId(long id) {
        return conversations.findById(id);
    }
}
