package chat.message.events;

import chat.common.events.Outbox;
import chat.common.events.Topics;
import chat.message.conversations.KnownConversations;
import chat.message.conversations.Participants;
import chat.message.messages.Message;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events of message changes (topic {@value Topics#MESSAGES}, keyed by conversation), each with
 * the conversation's next {@code seq} and its two participants (so that consumers such as
 * realtime-service reach both without asking conversation-service). Called inside the transaction
 * of the change: the number, the change and the event commit together or not at all, so the
 * sequence has no gaps.
 */
@Component
public class MessageEvents {

    public static final String CREATED = "chat.message.created";
    public static final String EDITED = "chat.message.edited";
    public static final String DELETED = "chat.message.deleted";
    public static final String READ = "chat.message.read";
    public static final String ATTACHMENT_ADDED = "chat.message.attachment_added";
    static final String SOURCE = "/message-service";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final MessageActivity activity;
    private final KnownConversations conversations;

    MessageEvents(JdbcClient jdbc, Outbox outbox, MessageActivity activity, KnownConversations conversations) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.activity = activity;
        this.conversations = conversations;
    }

    public long created(Message message, @Nullable String clientId) {
        long seq = announce(
                CREATED,
                message.conversationId(),
                1,
                s -> new MessageChanged(
                        s,
                        message.conversationId(),
                        message.senderId(),
                        MessageSnapshot.of(message),
                        clientId,
                        participants(message)));
        activity.sent(message.id(), message.conversationId(), seq);
        return seq;
    }

    public long edited(Message message, long actor) {
        long seq = announce(
                EDITED,
                message.conversationId(),
                0,
                s -> new MessageChanged(
                        s, message.conversationId(), actor, MessageSnapshot.of(message), null, participants(message)));
        activity.edited(message.id(), message.conversationId(), seq);
        return seq;
    }

    public long deleted(Message message, long actor) {
        long seq = announce(
                DELETED,
                message.conversationId(),
                0,
                s -> new MessageChanged(
                        s, message.conversationId(), actor, MessageSnapshot.of(message), null, participants(message)));
        activity.deleted(message.id(), message.conversationId(), seq);
        return seq;
    }

    /** One message marked read with PATCH. */
    public long read(Message message, long reader) {
        return announce(
                READ,
                message.conversationId(),
                0,
                seq -> new MessagesRead(
                        seq, message.conversationId(), reader, List.of(message.id()), null, participants(message)));
    }

    /** Every message of the other participant up to an id, marked read at once. */
    public long readUpTo(Participants conversation, long reader, long upTo) {
        List<Long> participants = ordered(conversation.userLow(), conversation.userHigh());
        return announce(
                READ,
                conversation.conversation(),
                0,
                seq -> new MessagesRead(seq, conversation.conversation(), reader, null, upTo, participants));
    }

    /**
     * A file was attached to a message: announced here too, so that it takes its place in the
     * conversation's {@code seq} (spec B.15) for realtime clients.
     */
    public long attachmentAdded(long conversation, long message, long actor, long attachment, Instant uploadedAt) {
        List<Long> participants = participants(conversation);
        return announce(
                ATTACHMENT_ADDED,
                conversation,
                0,
                seq -> new AttachmentAdded(
                        seq,
                        conversation,
                        actor,
                        message,
                        new AttachmentRef(attachment, message, uploadedAt),
                        participants));
    }

    /** A message's sender and recipient are its conversation's two participants. */
    private static List<Long> participants(Message message) {
        return ordered(message.senderId(), message.recipientId());
    }

    /**
     * The conversation of a message stored here is in this service's database since before its
     * first message (memory first), so this makes no call to conversation-service.
     */
    private @Nullable List<Long> participants(long conversation) {
        return conversations
                .find(conversation)
                .map((Participants p) -> ordered(p.userLow(), p.userHigh()))
                .orElse(null);
    }

    private static List<Long> ordered(long one, long other) {
        return List.of(Math.min(one, other), Math.max(one, other));
    }

    /**
     * Takes the conversation's next seq (locking its counter until commit), counts a new message,
     * and appends the event.
     */
    private long announce(String type, long conversation, int newMessages, LongFunction<Object> data) {
        long seq = jdbc.sql("""
                        insert into conversation_sequence (conversation_id, last_seq, message_count) values (?, 1, ?)
                        on conflict (conversation_id) do update
                        set last_seq = conversation_sequence.last_seq + 1,
                            message_count = conversation_sequence.message_count + excluded.message_count
                        returning last_seq""")
                .params(conversation, newMessages)
                .query(Long.class)
                .single();
        String key = Long.toString(conversation);
        outbox.append(Topics.MESSAGES, key, seq, type, SOURCE, data.apply(seq));
        return seq;
    }

    /** The data of created, edited and deleted events. */
    record MessageChanged(
            long seq,
            long conversation,
            long actor,
            MessageSnapshot message,

            @JsonProperty("client_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String clientId,

            List<Long> participants) {}

    /** The data of read events: either the ids marked (PATCH) or everything up to an id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessagesRead(
            long seq,
            long conversation,
            long actor,
            @JsonProperty("message_ids") @Nullable List<Long> messageIds,
            @JsonProperty("up_to") @Nullable Long upTo,
            List<Long> participants) {}

    /** The data of attachment_added events. */
    record AttachmentAdded(
            long seq,
            long conversation,
            long actor,
            long message,
            AttachmentRef attachment,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            List<Long> participants) {}

    /** Which attachment: clients fetch the message for its link, which is signed at each read. */
    record AttachmentRef(
            long id,
            long message,
            @JsonProperty("uploaded_at") Instant uploadedAt) {}

    /** The message after the change, with user ids for its sender and recipient. */
    record MessageSnapshot(
            long id,
            long conversation,
            long sender,
            long recipient,
            String content,
            Instant timestamp,
            @JsonProperty("is_read") boolean read,
            @JsonProperty("is_edited") boolean edited,
            @JsonProperty("is_deleted") boolean deleted) {

        static MessageSnapshot of(Message m) {
            return new MessageSnapshot(
                    m.id(),
                    m.conversationId(),
                    m.senderId(),
                    m.recipientId(),
                    m.content(),
                    m.createdAt(),
                    m.isRead(),
                    m.isEdited(),
                    m.isDeleted());
        }
    }
}
