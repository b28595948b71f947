package chat.attachment.messages;

/** message-service did not answer in time: the upload can be retried. */
public class MessagesUnavailable extends RuntimeException {
    public MessagesUnavailable(Throwable cause) {
        super("Messages are unavailable right now; try again shortly.", cause);
    }
}
