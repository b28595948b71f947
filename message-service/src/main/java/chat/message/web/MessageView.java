package chat.message.web;

import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.message.messages.Message;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Message model of spec A.2.3. */
record MessageView(
        long id,
        long conversation,
        UserProfile sender,
        String content,
        Instant timestamp,
        @JsonProperty("is_read") boolean read,
        @JsonProperty("is_edited") boolean edited,
        @JsonProperty("is_deleted") boolean deleted,
        List<Object> attachments) {

    static MessageView of(Message message, UserProfile sender) {
        return new MessageView(
                message.id(),
                message.conversationId(),
                sender,
                message.isDeleted() ? "" : message.content(),
                message.createdAt(),
                message.isRead(),
                message.isEdited(),
                message.isDeleted(),
                List.of());
    }

    static MessageView of(Message message, UserDirectory users) {
        return of(message, users.render(message.senderId()));
    }

    /** Every message of a page, with its senders looked up once. */
    static List<MessageView> all(List<Message> messages, UserDirectory users) {
        Map<Long, UserProfile> senders = users.renderAll(
                messages.stream().map(Message::senderId).distinct().toList());
        return messages.stream().map(m -> of(m, senders.get(m.senderId()))).toList();
    }
}
