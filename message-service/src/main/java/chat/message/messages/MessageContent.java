package chat.message.messages;

import chat.common.web.InvalidRequest;
import org.jspecify.annotations.Nullable;

/**
 * The text of a message (spec B.7): a non-blank string of at most {@value #MAX_LENGTH} characters,
 * stored exactly as sent. Characters are Unicode code points, so an emoji counts once; the NUL
 * character is refused, as PostgreSQL text cannot hold it.
 */
public record MessageContent(String text) {

    public static final int MAX_LENGTH = 4000;
    public static final String FIELD = "content";

    public static MessageContent of(@Nullable String text) {
        if (text == null) {
            throw InvalidRequest.of(FIELD, "This field is required.");
        }
        if (text.isBlank()) {
            throw InvalidRequest.of(FIELD, "This field may not be blank.");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw InvalidRequest.of(FIELD, "Ensure this field has no more than " + MAX_LENGTH + " characters.");
        }
        if (text.indexOf('\0') >= 0) {
            throw InvalidRequest.of(FIELD, "Null characters are not allowed.");
        }
        return new MessageContent(text);
    }
}
