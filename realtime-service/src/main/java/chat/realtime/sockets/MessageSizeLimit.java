package chat.realtime.sockets;

import org.springframework.util.unit.DataSize;

/**
 * The largest message a client may send over a socket (spec B.14), counted in bytes of UTF-8, as
 * the gateway and the WebSocket protocol count a frame's payload. Characters would not do: the
 * same 4,000-character message is 4 KB in ASCII, 16 KB in raw emoji and 48 KB with every emoji
 * escaped as a {@code \\uXXXX} surrogate pair, and the limit must not depend on the escaping.
 */
record MessageSizeLimit(long maxBytes) {

    static MessageSizeLimit of(DataSize size) {
        return new MessageSizeLimit(size.toBytes());
    }

    boolean admits(CharSequence text) {
        // every char is one to three bytes (a surrogate pair four bytes for two chars)
        if (text.length() > maxBytes) {
            return false;
        }
        if (3L * text.length() <= maxBytes) {
            return true;
        }
        return utf8Length(text) <= maxBytes;
    }

    /** The length of {@code text} in UTF-8; a lone surrogate counts as the replacement character. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
