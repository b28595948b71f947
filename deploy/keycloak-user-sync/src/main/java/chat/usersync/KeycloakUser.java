package chat.usersync;

import chat.common.users.UserProfile;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The part of Keycloak's user representation the profile is made of. The realm's user profile
 * declares the attributes {@code user_id}, {@code picture}, {@code score}, {@code rank},
 * {@code role} and {@code in_game_ids}; Keycloak returns every attribute as a list of strings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record KeycloakUser(
        String id,
        @Nullable String username,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable Map<String, List<String>> attributes) {

    static final String USER_ID = "user_id";

    /** The chat user id, or empty when the attribute is missing or not a positive integer. */
    Optional<Long> userId() {
        String value = attribute(USER_ID);
        if (value == null || !value.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }

    /**
     * The profile published for this user, or empty for a user the chat does not know: without a
     * chat user id, or without a username. Optional attributes that cannot be read are left at
     * their empty values rather than failing the whole user.
     */
    Optional<UserProfile> profile(JsonMapper json) {
        Optional<Long> userId = userId();
        if (userId.isEmpty() || username == null || username.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new UserProfile(
                userId.get(),
                username,
                firstName,
                lastName,
                attribute("picture"),
                score(),
                attribute("rank"),
                attribute("role"),
                inGameIds(json)));
    }

    private long score() {
        String value = attribute("score");
        if (value == null || !value.matches("-?[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(value);
    }

    /** A JSON array of objects, as the contract's {@code in_game_ids}; anything else is ignored. */
    private ArrayNode inGameIds(JsonMapper json) {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        String value = attribute("in_game_ids");
        if (value == null || value.isBlank()) {
            return ids;
        }
        try {
            JsonNode parsed = json.readTree(value);
            if (parsed.isArray()) {
                parsed.forEach(item -> {
                    if (item.isObject()) {
                        ids.add(item);
                    }
                });
            }
        } catch (JacksonException unreadable) {
            // Left empty: one badly edited attribute must not hide the user.
        }
        return ids;
    }

    private @Nullable String attribute(String name) {
        if (attributes == null) {
            return null;
        }
        List<String> values = attributes.get(name);
        if (values == null || values.isEmpty() || values.getFirst() == null) {
            return null;
        }
        String value = values.getFirst().trim();
        return value.isEmpty() ? null : value;
    }
}
