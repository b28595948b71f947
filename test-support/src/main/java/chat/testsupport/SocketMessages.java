package chat.testsupport;

import java.nio.charset.StandardCharsets;

/** Client messages for the socket tests: a {@code chat_message}, escaped and padded to a size in bytes. */
public final class SocketMessages {

    private SocketMessages() {}

    /** A {@code chat_message} whose content is {@code jsonContent}, written into the JSON as it is. */
    public static String chatMessage(String jsonContent) {
        return "{\"type\": \"chat_message\", \"content\": \"" + jsonContent + "\"}";
    }

    /** Every character outside ASCII as JSON's {@code \\uXXXX}, a surrogate pair as two. */
    public static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }

    /** {@code message} with spaces before its closing brace, to exactly {@code bytes} of UTF-8. */
    public static String padded(String message, int bytes) {
        int missing = bytes - message.getBytes(StandardCharsets.UTF_8).length;
        return message.substring(0, message.length() - 1) + " ".repeat(missing) + "}";
    }
}
