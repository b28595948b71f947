package chat.common.events;

/**
 * The Kafka topics of the event contract (one per aggregate). Records are keyed by conversation
 * id, except on {@link #USERS} where the key is the user id.
 */
public final class Topics {

    public static final String CONVERSATIONS = "chat.conversation.v1";
    public static final String MESSAGES = "chat.message.v1";
    public static final String ATTACHMENTS = "chat.attachment.v1";
    /** Short retention: typing indicators are worthless after a few seconds. */
    public static final String TYPING = "chat.typing.v1";
    /** Compacted: the latest profile per user id is the whole directory. */
    public static final String USERS = "chat.user.v1";

    private Topics() {}
}
