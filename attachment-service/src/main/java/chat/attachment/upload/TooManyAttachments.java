package chat.attachment.upload;

/** A message carries at most {@value MessageSlots#MAX_PER_MESSAGE} attachments (spec B.11). */
public class TooManyAttachments extends RuntimeException {
    public TooManyAttachments() {
        super("A message can have at most " + MessageSlots.MAX_PER_MESSAGE + " attachments.");
    }
}
