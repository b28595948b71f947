package chat.message.messages;

/** Someone other than the recipient tried to mark a message read. */
public class NotMessageRecipient extends RuntimeException {
    public NotMessageRecipient() {
        super("Only the recipient can mark a message as read.");
    }
}
