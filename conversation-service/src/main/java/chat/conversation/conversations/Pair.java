package chat.conversation.conversations;

/**
 * Two different users, stored ordered ({@code low < high}) so that a pair is one row whichever of
 * them starts the conversation: the database's unique constraint on the ordered pair then makes
 * "one conversation per pair" a fact even when both start it at the same instant.
 */
public record Pair(long low, long high) {

    public Pair {
        if (low >= high) {
            throw new IllegalArgumentException("A pair is stored ordered, of two different users.");
        }
    }

    /** The pair of {@code one} and {@code other}, in either order. */
    public static Pair of(long one, long other) {
        if (one == other) {
            throw new IllegalArgumentException("A conversation needs two different users.");
        }
        return new Pair(Math.min(one, other), Math.max(one, other));
    }
}
