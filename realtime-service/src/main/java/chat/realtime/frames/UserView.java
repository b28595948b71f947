package chat.realtime.frames;

import chat.common.users.UserProfile;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A user as server events show one; {@code profile_picture} is written even when null. */
@JsonPropertyOrder({"id", "username", "profile_picture"})
public record UserView(
        long id,
        String username,
        @JsonProperty("profile_picture") @Nullable String profilePicture) {

    public static UserView of(UserProfile profile) {
        return new UserView(profile.id(), profile.username(), profile.profilePicture());
    }
}
