package chat.message.editing;

import org.jspecify.annotations.Nullable;

/**
 * What a PUT or PATCH of one message asks for (spec B.9), as the web layer read it from the body:
 * new content ({@code null}: leave it, which a PATCH without {@code content} or with
 * {@code "content": null} asks), and whether the caller marks it read. A read message stays
 * read, so {@code is_read: false} asks for nothing; every other field of a body is read-only and
 * not carried.
 */
public record MessageChange(@Nullable String content, boolean markRead) {

    /** New content only, as the WebSocket's {@code edit_message} asks. */
    public static MessageChange content(@Nullable String content) {
        return new MessageChange(content, false);
    }
}
