package chat.attachment.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What message-service says of a message: enough to decide who may attach a file to it. */
public record MessageFacts(
        long id,
        long conversation,
        long sender,
        long recipient,
        @JsonProperty("is_deleted") boolean deleted) {

    public boolean isVisibleTo(long userId, boolean staff) {
        return staff || userId == sender || userId == recipient;
    }
}
