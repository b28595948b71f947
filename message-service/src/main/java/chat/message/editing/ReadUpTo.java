package chat.message.editing;

import chat.common.web.InvalidRequest;

/**
 * {@code POST /api/conversations/{id}/read/} {@code {"up_to": <message id>}} (spec B.12): every
 * message the other participant sent up to that id is read.
 */
public record ReadUpTo(long upTo) {

    public static final String FIELD = "up_to";
    public static final String NOT_AN_ID = "A message id (a positive integer) is required.";

    public ReadUpTo {
        if (upTo < 1) {
            throw InvalidRequest.of(FIELD, NOT_AN_ID);
        }
    }
}
