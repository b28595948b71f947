package chat.conversation.conversations.web;

import chat.common.users.UserProfile;
import chat.conversation.conversations.Conversation;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The Conversation model of spec A.2.2. */
record ConversationView(
        long id,
        List<UserProfile> participants,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_message") JsonNode lastMessage) {

    static ConversationView of(Conversation conversation, Map<Long, UserProfile> users, JsonNode lastMessage) {
        return new ConversationView(
                conversation.id(),
                conversation.participants().stream().map(users::get).toList(),
                conversation.createdAt(),
                lastMessage);
    }
}
