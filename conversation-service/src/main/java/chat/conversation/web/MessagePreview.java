package chat.conversation.web;

import chat.common.users.UserProfile;
import chat.conversation.previews.PreviewAttachments;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;

/** A conversation's {@code last_message}: the Message model of spec A.2.3, sender rendered. */
@Schema(name = "Message", example = MessagePreview.EXAMPLE)
record MessagePreview(
        long id,
        long conversation,
        UserProfile sender,
        String content,
        @Schema(format = "date-time") String timestamp,
        @JsonProperty("is_read") boolean read,
        @JsonProperty("is_edited") boolean edited,
        @JsonProperty("is_deleted") boolean deleted,
        List<PreviewAttachments.Attachment> attachments) {

    /** The same example as message-service's Message, so that the merged document has one. */
    static final String EXAMPLE = "{\"id\": 124, \"conversation\": 1, \"sender\": " + UserProfile.EXAMPLE + ","
            + " \"content\": \"New message content.\", \"timestamp\": \"2023-10-27T14:00:00Z\", \"is_read\": false,"
            + " \"is_edited\": false, \"is_deleted\": false, \"attachments\": []}";

    /** From the snapshot message-service's event carried; a deleted message shows no files. */
    static MessagePreview of(
            JsonNode snapshot,
            LongFunction<UserProfile> users,
            Map<Long, List<PreviewAttachments.Attachment>> attachments) {
        boolean deleted = snapshot.path("is_deleted").asBoolean();
        return new MessagePreview(
                snapshot.path("id").asLong(),
                snapshot.path("conversation").asLong(),
                users.apply(snapshot.path("sender").asLong()),
                deleted ? "" : snapshot.path("content").asString(""),
                snapshot.path("timestamp").asString(),
                snapshot.path("is_read").asBoolean(),
                snapshot.path("is_edited").asBoolean(),
                deleted,
                deleted
                        ? List.of()
                        : attachments.getOrDefault(snapshot.path("id").asLong(), List.of()));
    }
}
