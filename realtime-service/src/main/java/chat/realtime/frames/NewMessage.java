package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * {@code new_message}: never an {@code attachments} field, clients fetch the message for them
 * (spec A.5.4); {@code client_id} only when the sender gave one.
 */
@JsonPropertyOrder({"type", "message", "client_id", "conversation", "seq"})
public record NewMessage(
        Message message,

        @JsonProperty("client_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        String clientId,

        long conversation,
        long seq)
        implements SequencedFrame {

    @JsonProperty("type")
    public String type() {
        return "new_message";
    }

    /** The message as sockets show it; {@code timestamp} as the writing service wrote it. */
    @JsonPropertyOrder({"id", "sender", "content", "timestamp"})
    public record Message(long id, UserView sender, String content, String timestamp) {}
}
