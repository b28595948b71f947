package chat.realtime.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of the events this service reads on {@code chat.message.v1} (and
 * {@code chat.conversation.v1}'s {@code created}), as far as sockets need
 * it (contracts/events/chat.message.*.schema.json). {@code participants} is absent from events
 * written before message events carried it; such an event's participants are looked up.
 */
final class EventData {

    private EventData() {}

    /** {@code chat.message.created}, {@code edited} and {@code deleted}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageChanged(
            long seq,
            long conversation,
            Snapshot message,
            @JsonProperty("client_id") @Nullable String clientId,
            @Nullable List<Long> participants) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Snapshot(long id, long sender, String content, String timestamp) {}

    /** {@code chat.message.read}: either {@code message_ids} or {@code up_to}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessagesRead(
            long seq,
            long conversation,
            long actor,
            @JsonProperty("up_to") @Nullable Long upTo,
            @JsonProperty("message_ids") @Nullable List<Long> messageIds,
            @Nullable List<Long> participants) {}

    /** {@code chat.message.attachment_added}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AttachmentAdded(
            long seq,
            long conversation,
            long message,
            Attachment attachment,
            @Nullable List<Long> participants) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attachment(
            long id,
            long message,
            @JsonProperty("uploaded_at") String uploadedAt) {}

    /** {@code chat.conversation.created}, on {@code chat.conversation.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationCreated(
            long conversation,
            List<Long> participants,
            @JsonProperty("created_at") String createdAt) {}
}
