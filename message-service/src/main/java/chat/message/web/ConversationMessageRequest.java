package chat.message.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/conversations/{id}/messages/}. */
@Schema(example = "{\"content\": \"New message content.\"}")
record ConversationMessageRequest(
        @Schema(description = "Not blank after trimming, at most 4,000 characters", types = "string", maxLength = 4000)
        @Nullable
        String content) {}
