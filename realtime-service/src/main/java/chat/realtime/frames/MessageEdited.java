package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code message_edited}: the message's id and new content. */
@JsonPropertyOrder({"type", "message", "conversation", "seq"})
public record MessageEdited(Message message, long conversation, long seq) implements SequencedFrame {

    @JsonProperty("type")
    public String type() {
        return "message_edited";
    }

    @JsonPropertyOrder({"id", "content"})
    public record Message(long id, String content) {}
}
