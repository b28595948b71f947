package chat.message.messages;

/** Someone other than the sender (and not staff) tried to change or delete a message. */
public class NotMessageOwner extends RuntimeException {
    public NotMessageOwner() {
        super("You can only edit or delete your own messages.");
    }
}
