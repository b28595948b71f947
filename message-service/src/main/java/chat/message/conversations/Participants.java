package chat.message.conversations;

/** The two users of a 1:1 conversation. */
public record Participants(long conversation, long userLow, long userHigh) {

    public boolean includes(long userId) {
        return userId == userLow || userId == userHigh;
    }

    /** The participant who is not {@code userId}. */
    public long other(long userId) {
        return userId == userLow ? userHigh : userLow;
    }
}
