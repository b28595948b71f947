package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code user_typing}: no stored change, so no {@code seq}. */
@JsonPropertyOrder({"type", "user", "is_typing", "conversation"})
public record UserTyping(
        UserView user, @JsonProperty("is_typing") boolean isTyping, long conversation) {

    @JsonProperty("type")
    public String type() {
        return "user_typing";
    }
}
