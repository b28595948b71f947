package chat.message.messages;

/** A deleted message cannot be edited (spec B.9). */
public class MessageDeleted extends RuntimeException {
    public MessageDeleted() {
        super("A deleted message cannot be edited.");
    }
}
