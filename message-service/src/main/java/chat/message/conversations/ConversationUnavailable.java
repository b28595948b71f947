package chat.message.conversations;

/** conversation-service did not answer in time: the request can be retried. */
public class ConversationUnavailable extends RuntimeException {
    public ConversationUnavailable(Throwable cause) {
        super("Conversations are unavailable right now; try again shortly.", cause);
    }
}
