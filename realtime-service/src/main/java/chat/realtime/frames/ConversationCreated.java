package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code conversation_created}, on the participants' user streams (spec B.15). */
@JsonPropertyOrder({"type", "conversation", "participants", "created_at"})
public record ConversationCreated(
        long conversation,
        List<UserView> participants,
        @JsonProperty("created_at") String createdAt) {

    @JsonProperty("type")
    public String type() {
        return "conversation_created";
    }
}
