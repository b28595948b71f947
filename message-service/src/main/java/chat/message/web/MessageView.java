package chat.message.web;

import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.message.attachments.MessageAttachments;
import chat.message.attachments.MessageAttachments.AttachmentView;
import chat.message.messages.Message;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Message model of spec A.2.3. */
@Schema(name = "Message", example = MessageView.EXAMPLE)
record MessageView(
        long id,
        long conversation,
        UserProfile sender,
        String content,
        Instant timestamp,
        @JsonProperty("is_read") boolean read,
        @JsonProperty("is_edited") boolean edited,
        @JsonProperty("is_deleted") boolean deleted,
        List<AttachmentView> attachments) {

    /** The same example as conversation-service's {@code last_message}, so that the merged document has one. */
    static final String EXAMPLE = "{\"id\": 124, \"conversation\": 1, \"sender\": " + UserProfile.EXAMPLE + ","
            + " \"content\": \"New message content.\", \"timestamp\": \"2023-10-27T14:00:00Z\", \"is_read\": false,"
            + " \"is_edited\": false, \"is_deleted\": false, \"attachments\": []}";

    /** A deleted message serves neither its content nor its files (spec B.10). */
    static MessageView of(Message message, UserProfile sender, List<AttachmentView> attachments) {
        return new MessageView(
                message.id(),
                message.conversationId(),
                sender,
                message.isDeleted() ? "" : message.content(),
                message.createdAt(),
                message.isRead(),
                message.isEdited(),
                message.isDeleted(),
                message.isDeleted() ? List.of() : attachments);
    }

    static MessageView of(Message message, UserDirectory users, MessageAttachments attachments) {
        return all(List.of(message), users, attachments).getFirst();
    }

    /** Every message of a page, with its senders and attachments looked up once. */
    static List<MessageView> all(List<Message> messages, UserDirectory users, MessageAttachments attachments) {
        Map<Long, UserProfile> senders = users.renderAll(
                messages.stream().map(Message::senderId).distinct().toList());
        Map<Long, List<AttachmentView>> files =
                attachments.of(messages.stream().map(Message::id).toList());
        return messages.stream()
                .map(m -> of(m, senders.get(m.senderId()), files.getOrDefault(m.id(), List.of())))
                .toList();
    }
}
