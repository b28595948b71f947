package chat.attachment.upload;

/** A deleted message takes no attachments (spec B.11). */
public class MessageIsDeleted extends RuntimeException {
    public MessageIsDeleted() {
        super("A deleted message cannot take attachments.");
    }
}
