package chat.message.editing;

import chat.common.security.ChatCaller;
import chat.common.web.InvalidRequest;
import chat.message.conversations.KnownConversations;
import chat.message.events.MessageEvents;
import chat.message.messages.Message;
import chat.message.messages.MessageContent;
import chat.message.messages.MessageNotFound;
import chat.message.messages.Messages;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

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
    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    MessageEditing(Messages messages, KnownConversations conversations, MessageEvents events, JdbcClient jdbc) {
        this.messages = messages;
        this.conversations = conversations;
        this.events = events;
        this.jdbc = jdbc;
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
     * PUT ({@code partial} false: {@code content} required) or PATCH. Only {@code content} and
     * {@code is_read} are read from the body; every other field is read-only and ignored.
     */
    public Message update(ChatCaller caller, long id, JsonNode body, boolean partial) {
        if (!body.isObject()) {
            throw InvalidRequest.of("non_field_errors", "Send a JSON object.");
        }
        Message message = visible(caller, id);
        JsonNode content = body.get("content");
        if (content != null && !content.isNull() && !content.isString()) {
            throw InvalidRequest.of(MessageContent.FIELD, "Not a valid string.");
        }
        if ((content == null || content.isNull()) && !partial) {
            throw InvalidRequest.of(MessageContent.FIELD, "This field is required.");
        }
        Boolean read = readFlag(body.get("is_read"));
        if (content != null && !content.isNull()) {
            MessageContent text = MessageContent.of(content.stringValue());
            if (message.edit(caller.userId(), caller.staff(), text)) {
                events.edited(message, caller.userId());
            }
        }
        // is_read is the recipient's to set; from anyone else it is ignored like the read-only fields
        if (Boolean.TRUE.equals(read) && caller.userId() == message.recipientId()) {
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
     * {@code upTo} is read by the caller, who must take part in the conversation.
     */
    public ReadUpTo readUpTo(ChatCaller caller, long conversation, JsonNode body) {
        conversations.joinedBy(conversation, caller);
        JsonNode upToNode = body.isObject() ? body.get("up_to") : null;
        if (upToNode == null || upToNode.isNull()) {
            throw InvalidRequest.of("up_to", "This field is required.");
        }
        if (!upToNode.isIntegralNumber() || !upToNode.canConvertToLong() || upToNode.longValue() < 1) {
            throw InvalidRequest.of("up_to", "A message id (a positive integer) is required.");
        }
        long upTo = upToNode.longValue();
        int marked = jdbc.sql("""
                        update message set read_at = now()
                        where conversation_id = ? and recipient_id = ? and id <= ? and read_at is null""").params(conversation, caller.userId(), upTo).update();
        if (marked > 0) {
            events.readUpTo(conversation, caller.userId(), upTo);
        }
        return new ReadUpTo(conversation, upTo, marked);
    }

    public record ReadUpTo(long conversation, long upTo, int marked) {}

    private static @Nullable Boolean readFlag(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw InvalidRequest.of("is_read", "Must be a boolean.");
        }
        // a read message stays read: false asks for nothing that can be done, like a read-only field
        return value.booleanValue() ? true : null;
    }
}
