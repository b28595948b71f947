package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code message_read} (spec B.15): either {@code up_to} or {@code message_ids}, as the reader marked them. */
@JsonPropertyOrder({"type", "reader", "up_to", "message_ids", "conversation", "seq"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageRead(
        long reader,
        @JsonProperty("up_to") @Nullable Long upTo,
        @JsonProperty("message_ids") @Nullable List<Long> messageIds,
        long conversation,
        long seq)
        implements SequencedFrame {

    @JsonProperty("type")
    public String type() {
        return "message_read";
    }
}
