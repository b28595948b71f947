package chat.message.events;

import chat.common.events.Outbox;
import chat.common.events.Topics;
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
 * the conversation's next {@code seq}. Called inside the transaction of the change: the number,
 * the change and the event commit together or not at all, so the sequence has no gaps.
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

    MessageEvents(JdbcClient jdbc, Outbox outbox, MessageActivity activity) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.activity = activity;
    }

    public long created(Message message, @Nullable String clientId) {
        long seq = announce(
                CREATED,
                message.conversationId(),
                1,
                s -> new MessageChanged(
                        s, message.conversationId(), message.senderId(), MessageSnapshot.of(message), clientId));
        activity.sent(message.id(), message.conversationId(), seq);
        return seq;
    }

    public long edited(Message message, long actor) {
        long seq = announce(
                EDITED,
                message.conversationId(),
                0,
                s -> new MessageChanged(s, message.conversationId(), actor, MessageSnapshot.of(message), null));
        activity.edited(message.id(), message.conversationId(), seq);
        return seq;
    }

    public long deleted(Message message, long actor) {
        long seq = announce(
                DELETED,
                message.conversationId(),
                0,
                s -> new MessageChanged(s, message.conversationId(), actor, MessageSnapshot.of(message), null));
        activity.deleted(message.id(), message.conversationId(), seq);
        return seq;
    }

    /** One message marked read with PATCH. */
    public long read(Message message, long reader) {
        return announce(
                READ,
                message.conversationId(),
                0,
                seq -> new MessagesRead(seq, message.conversationId(), reader, List.of(message.id()), null));
    }

    /** Every message of the other participant up to an id, marked read at once. */
    public long readUpTo(long conversation, long reader, long upTo) {
        return announce(READ, conversation, 0, seq -> new MessagesRead(seq, conversation, reader, null, upTo));
    }

    /**
     * A file was attached to a message: announced here too, so that it takes its place in the
     * conversation's {@code seq} (spec B.15) for realtime clients.
     */
    public long attachmentAdded(long conversation, long message, long actor, long attachment, Instant uploadedAt) {
        return announce(
                ATTACHMENT_ADDED,
                conversation,
                0,
                seq -> new AttachmentAdded(
                        seq, conversation, actor, message, new AttachmentRef(attachment, message, uploadedAt)));
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
            String clientId) {}

    /** The data of read events: either the ids marked (PATCH) or everything up to an id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessagesRead(
            long seq,
            long conversation,
            long actor,
            @JsonProperty("message_ids") @Nullable List<Long> messageIds,
            @JsonProperty("up_to") @Nullable Long upTo) {}

    /** The data of attachment_added events. */
    record AttachmentAdded(long seq, long conversation, long actor, long message, AttachmentRef attachment) {}

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
