package chat.conversation.previews;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What this service reads of message-service's events: only the fields it needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
record MessageEvent(String id, String type, Data data) {

    static final String CREATED = "chat.message.created";
    static final String EDITED = "chat.message.edited";
    static final String DELETED = "chat.message.deleted";
    static final String READ = "chat.message.read";
    /** The types that change a preview; any other on the topic is skipped. */
    static final java.util.Set<String> APPLIED = java.util.Set.of(CREATED, EDITED, DELETED, READ);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(
            long conversation,
            long actor,
            @Nullable Message message,
            @JsonProperty("message_ids") @Nullable List<Long> messageIds,
            @JsonProperty("up_to") @Nullable Long upTo) {}

    /** The message as the event carries it; kept whole as the conversation's preview. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(
            long id,
            long sender,
            String timestamp,
            @JsonProperty("is_read") boolean read,
            @JsonProperty("is_deleted") boolean deleted) {}
}
