package chat.common.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A user's public profile: the User model of spec A.2.1, field for field. It is both what the API
 * renders and the {@code data} of a {@code chat.user.updated} event.
 */
@Schema(name = "User", description = "A user's public information (spec A.2.1).", example = UserProfile.EXAMPLE)
public record UserProfile(
        long id,
        String username,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("profile_picture") @Nullable String profilePicture,
        long score,
        @Nullable String rank,
        @Nullable String role,

        @JsonProperty("in_game_ids") @ArraySchema(schema = @Schema(types = "object"))
        JsonNode inGameIds) {

    /** A user as the API documents one. */
    public static final String EXAMPLE = """
            {"id": 2, "username": "user2", "first_name": "Sara", "last_name": "Karimi", "profile_picture": null,
             "score": 1200, "rank": "gold", "role": null, "in_game_ids": [{"game": "chess", "id": "sara-42"}]}""";

    public UserProfile {
        username = username == null ? "" : username;
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        inGameIds = inGameIds == null || !inGameIds.isArray() ? JsonNodeFactory.instance.arrayNode() : inGameIds;
    }

    /**
     * What is rendered for an id the directory has not heard of yet: the id is real, the rest is
     * empty rather than invented, so that a client never shows a made-up name.
     */
    public static UserProfile unknown(long id) {
        return new UserProfile(id, "", "", "", null, 0, null, null, JsonNodeFactory.instance.arrayNode());
    }
}
