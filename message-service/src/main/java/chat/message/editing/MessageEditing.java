package chat.message.editing;

import chat.common.security.ChatCaller;
import chat.message.conversations.KnownConversations;
import chat.message.conversations.Participants;
import chat.message.events.MessageEvents;
import chat.message.messages.Message;
import chat.message.messages.MessageContent;
import chat.message.messages.MessageNotFound;
import chat.message.messages.Messages;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing one message (spec B.9, B.10, B.12): its sender or staff edit or delete it, its
 * recipient marks it read, everyone else does not see it. Each change that changes something is
 * announced with the conversation's next seq; one that changes nothing is not.
 */
@Service
@Transactional
public class MessageEditing {

    private final Messages messages;
    private final KnownConversations conversations;
    private final MessageEvents events;
    private final Clock clock = Clock.systemUTC();

    MessageEditing(Messages messages, KnownConversations conversations, MessageEvents events) {
        this.messages = messages;
        this.conversations = conversations;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Message visible(ChatCaller caller, long id) {
        return messages.findById(id)
                .filter(m -> m.isVisibleTo(caller.userId(), caller.staff()))
                .orElseThrow(MessageNotFound::new);
    }

    /** Any message, for other chat services, which apply their own rules to it. */
    @Transactional(readOnly = true)
    public Message any(long id) {
        return messages.findById(id).orElseThrow(MessageNotFound::new);
    }

    /**
     * PUT or PATCH (spec B.9): the sender or staff change the content, the recipient marks it
     * read; {@code markRead} from anyone else is ignored like the read-only fields.
     */
    public Message update(ChatCaller caller, long id, MessageChange change) {
        Message message = visible(caller, id);
        if (change.content() != null) {
            MessageContent text = MessageContent.of(change.content());
            if (message.edit(caller.userId(), caller.staff(), text)) {
                events.edited(message, caller.userId());
            }
        }
        if (change.markRead() && caller.userId() == message.recipientId()) {
            if (message.markRead(caller.userId(), clock.instant())) {
                events.read(message, caller.userId());
            }
        }
        return message;
    }

    /** Soft delete by the sender or staff; deleting again changes nothing and is not an error. */
    public void delete(ChatCaller caller, long id) {
        Message message = visible(caller, id);
        if (message.delete(caller.userId(), caller.staff())) {
            events.deleted(message, caller.userId());
        }
    }

    /**
     * {@code POST /api/conversations/{id}/read/}: every message the other participant sent up to
     * the id is read by the caller, who must take part in the conversation.
     */
    public MarkedRead readUpTo(ChatCaller caller, long conversation, ReadUpTo request) {
        Participants participants = conversations.joinedBy(conversation, caller);
        int marked = messages.markReadUpTo(conversation, caller.userId(), request.upTo(), clock.instant());
        if (marked > 0) {
            events.readUpTo(participants, caller.userId(), request.upTo());
        }
        return new MarkedRead(conversation, request.upTo(), marked);
    }

    /** What a read up to an id did: how many messages it marked read. */
    public record MarkedRead(long conversation, long upTo, int marked) {}
}
