package chat.message.messages;

/** No such message, or one the caller may not see (spec B.5: the same answer). */
public class MessageNotFound extends RuntimeException {
    public MessageNotFound() {
        super("Not found.");
    }
}
