package chat.message.conversations;

/** No such conversation, or one the caller may not see (spec B.5: the same answer). */
public class ConversationNotFound extends RuntimeException {
    public ConversationNotFound() {
        super("Not found.");
    }
}
