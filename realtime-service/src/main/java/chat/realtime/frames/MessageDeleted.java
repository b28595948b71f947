package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code message_deleted}. */
@JsonPropertyOrder({"type", "message_id", "conversation", "seq"})
public record MessageDeleted(@JsonProperty("message_id") long messageId, long conversation, long seq)
        implements SequencedFrame {

    @JsonProperty("type")
    public String type() {
        return "message_deleted";
    }
}
