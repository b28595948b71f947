package chat.message.conversations;

/** Staff see every conversation but send only into their own (spec B.6). */
public class NotAParticipant extends RuntimeException {
    public NotAParticipant() {
        super("Only a participant can do this in a conversation; staff start their own with recipient_id.");
    }
}
