package chat.message.sending;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.web.InvalidRequest;
import chat.message.conversations.KnownConversations;
import chat.message.conversations.Participants;
import chat.message.events.MessageEvents;
import chat.message.messages.Message;
import chat.message.messages.MessageContent;
import chat.message.messages.Messages;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending a message (spec A.3.2, B.7): to a recipient, whose conversation with the sender is found
 * or created by conversation-service, or into a conversation by id. The message, its seq and its
 * event are stored in one transaction; a retry with the same Idempotency-Key (or WebSocket
 * client id) returns the first message instead of storing another.
 */
@Service
public class MessageSending {

    public static final int MAX_IDEMPOTENCY_KEY = 255;
    /**
     * A socket's {@code client_id} is kept in a unique index, whose entries PostgreSQL limits to
     * about 2.7 kB after compression: a long one that did not compress was a database error; it is
     * refused as invalid, as an over-long {@code Idempotency-Key} is.
     */
    public static final int MAX_CLIENT_ID = 255;

    private final Messages messages;
    private final KnownConversations conversations;
    private final UserDirectory users;
    private final MessageEvents events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MessageSending(
            Messages messages,
            KnownConversations conversations,
            UserDirectory users,
            MessageEvents events,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.messages = messages;
        this.conversations = conversations;
        this.users = users;
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    /** {@code POST /api/messages/}: to {@code recipientId}, starting their conversation if need be. */
    public Message toRecipient(
            ChatCaller sender, @Nullable String content, @Nullable Long recipientId, @Nullable String idempotencyKey) {
        MessageContent text = MessageContent.of(content);
        if (recipientId == null) {
            throw InvalidRequest.of("recipient_id", "This field is required.");
        }
        if (recipientId == sender.userId()) {
            throw InvalidRequest.of("recipient_id", "You cannot send a message to yourself.");
        }
        if (recipientId < 1 || !users.knows(recipientId)) {
            throw InvalidRequest.of("recipient_id", "No user with id " + recipientId + ".");
        }
        checkKey(idempotencyKey);
        Optional<Message> earlier = earlierSend(sender.userId(), idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Participants conversation = conversations.findOrCreate(sender.userId(), recipientId);
        return store(conversation, sender.userId(), text, idempotencyKey, null);
    }

    /**
     * Into a conversation by id (spec B.15), as {@code chat_message} does over the WebSocket. Only
     * a participant sends: an outsider does not see the conversation (404), staff who do are
     * still not part of it (403, spec B.6).
     */
    public Message intoConversation(
            ChatCaller sender,
            long conversationId,
            @Nullable String content,
            @Nullable String idempotencyKey,
            @Nullable String clientId) {
        Participants conversation = conversations.joinedBy(conversationId, sender);
        MessageContent text = MessageContent.of(content);
        checkKey(idempotencyKey);
        checkClientId(clientId);
        Optional<Message> earlier = earlierSend(sender.userId(), idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (clientId != null) {
            Optional<Message> sameClientId = messages.findByClientId(sender.userId(), clientId, conversationId);
            if (sameClientId.isPresent()) {
                return sameClientId.get();
            }
        }
        return store(conversation, sender.userId(), text, idempotencyKey, clientId);
    }

    private Message store(
            Participants conversation,
            long sender,
            MessageContent text,
            @Nullable String idempotencyKey,
            @Nullable String clientId) {
        return transactions.execute(status -> {
            if (idempotencyKey != null) {
                // the same key sent twice at once: the second waits here, then finds the first
                jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
                        .params((int) sender, idempotencyKey)
                        .query()
                        .singleRow();
                Optional<Message> raced = earlierSend(sender, idempotencyKey);
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            // stored at PostgreSQL's precision, so that the 201 shows the timestamp every later read shows
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Message message = messages.save(
                    new Message(conversation.conversation(), sender, conversation.other(sender), text, now, clientId));
            events.created(message, clientId);
            if (idempotencyKey != null) {
                jdbc.sql("insert into idempotent_send (user_id, idempotency_key, message_id) values (?, ?, ?)")
                        .params(sender, idempotencyKey, message.id())
                        .update();
            }
            return message;
        });
    }

    private Optional<Message> earlierSend(long sender, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("select message_id from idempotent_send where user_id = ? and idempotency_key = ?")
                .params(sender, idempotencyKey)
                .query(Long.class)
                .optional()
                .flatMap(messages::findById);
    }

    static void checkClientId(@Nullable String clientId) {
        if (clientId != null && clientId.length() > MAX_CLIENT_ID) {
            throw InvalidRequest.of("client_id", "Must be a string of at most " + MAX_CLIENT_ID + " characters.");
        }
    }

    static void checkKey(@Nullable String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw InvalidRequest.of(
                    "Idempotency-Key", "Must be a non-blank string of at most " + MAX_IDEMPOTENCY_KEY + " characters.");
        }
    }
}
