package chat.message.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/messages/}; types are checked by the JSON reader, rules by the use case. */
record SendMessageRequest(
        @Nullable String content,
        @JsonProperty("recipient_id") @Nullable Long recipientId) {}
