package chat.conversation.web;

import chat.common.users.UserProfile;
import chat.conversation.conversations.Conversation;
import chat.conversation.previews.PreviewAttachments;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The Conversation model of spec A.2.2, with the caller's {@code unread_count} (spec B.12). */
@Schema(name = "Conversation", example = ConversationView.EXAMPLE)
record ConversationView(
        long id,
        List<UserProfile> participants,
        @JsonProperty("created_at") Instant createdAt,

        @JsonProperty("last_message") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
        MessagePreview lastMessage,

        @JsonProperty("unread_count") long unreadCount) {

    static final String EXAMPLE = "{\"id\": 1, \"participants\": [" + UserProfile.EXAMPLE + "],"
            + " \"created_at\": \"2023-10-27T10:00:00Z\", \"last_message\": " + MessagePreview.EXAMPLE + ","
            + " \"unread_count\": 1}";

    static ConversationView of(
            Conversation conversation,
            Map<Long, UserProfile> users,
            long unreadCount,
            Map<Long, List<PreviewAttachments.Attachment>> attachments,
            JsonMapper json) {
        return new ConversationView(
                conversation.id(),
                conversation.participants().stream().map(users::get).toList(),
                conversation.createdAt(),
                conversation
                        .lastMessage()
                        .map(snapshot -> MessagePreview.of(
                                json.readTree(snapshot),
                                id -> users.getOrDefault(id, UserProfile.unknown(id)),
                                attachments))
                        .orElse(null),
                unreadCount);
    }
}
