package chat.attachment.upload;

/** Only the sender of a message (or staff) may attach files to it (spec B.11). */
public class NotMessageSender extends RuntimeException {
    public NotMessageSender() {
        super("Only the sender of a message can attach files to it.");
    }
}
