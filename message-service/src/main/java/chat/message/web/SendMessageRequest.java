package chat.message.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/messages/}; types are checked by the JSON reader, rules by the use case. */
@Schema(example = "{\"content\": \"Hello, this is a test message.\", \"recipient_id\": 2}")
record SendMessageRequest(
        @Schema(description = "Not blank after trimming, at most 4,000 characters", types = "string", maxLength = 4000)
        @Nullable
        String content,

        @Schema(description = "Another user's id", types = "integer", format = "int64")
        @JsonProperty("recipient_id")
        @Nullable
        Long recipientId) {}
