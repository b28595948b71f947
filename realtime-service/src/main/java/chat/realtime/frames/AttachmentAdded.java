package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code attachment_added} (spec B.11): which attachment, without its link, which is signed at
 * each read: clients fetch the message for it.
 */
@JsonPropertyOrder({"type", "message_id", "attachment", "conversation", "seq"})
public record AttachmentAdded(
        @JsonProperty("message_id") long messageId, Attachment attachment, long conversation, long seq)
        implements SequencedFrame {

    @JsonProperty("type")
    public String type() {
        return "attachment_added";
    }

    @JsonPropertyOrder({"id", "message", "uploaded_at"})
    public record Attachment(
            long id,
            long message,
            @JsonProperty("uploaded_at") String uploadedAt) {}
}
