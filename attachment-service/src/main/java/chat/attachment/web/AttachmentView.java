package chat.attachment.web;

import chat.attachment.attachments.Attachment;
import chat.common.files.FileLinks;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The Attachment model of spec A.2.4; {@code file} is a fresh short-lived link (spec B.11), answered
 * by the store with the type this service determined.
 */
@Schema(name = "Attachment")
record AttachmentView(
        long id,
        long message,
        String file,
        @JsonProperty("uploaded_at") Instant uploadedAt) {

    static AttachmentView of(Attachment attachment, FileLinks links) {
        return new AttachmentView(
                attachment.id(),
                attachment.messageId(),
                links.link(attachment.objectKey(), attachment.contentType()),
                attachment.uploadedAt());
    }
}
