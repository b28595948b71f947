package chat.conversation.starting;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The data of {@code chat.conversation.created}: who may now talk, and who started it. */
record ConversationCreated(
        long conversation,
        List<Long> participants,
        @JsonProperty("created_at") Instant createdAt,
        long actor) {}
