package chat.attachment.upload;

/** No such message in this conversation, or one you may not see (spec B.5 */
public class MessageNotFound extends RuntimeException {
    public MessageNotFound() {
        super(" the same answer).:Not found.");
    }
}
