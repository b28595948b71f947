package chat.devissuer;

import chat.common.users.UserProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The body of {@code POST /dev/users/}: every field of the User model, all but username optional. */
record DevUserRequest(
        String username,
        String firstName,
        String lastName,
        boolean staff,
        long score,
        @Nullable String rank,
        @Nullable String role,
        @Nullable String profilePicture,
        JsonNode inGameIds) {

    static final int MAX_USERNAME = 150;

    UserProfile toProfile(long id) {
        return new UserProfile(id, username, firstName, lastName, profilePicture, score, rank, role, inGameIds);
    }

    /** Reads and checks a request body; what is wrong is collected per field, as the API does. */
    static DevUserRequest parse(JsonNode body) throws InvalidRequest {
        if (!body.isObject()) {
            throw new InvalidRequest("The request body must be a JSON object.", Map.of());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String username = text(body, "username", errors);
        if (username != null && (username.isBlank() || username.length() > MAX_USERNAME)) {
            errors.computeIfAbsent("username", f -> new ArrayList<>())
                    .add("must be a non-blank string of at most " + MAX_USERNAME + " characters.");
        }
        String firstName = text(body, "first_name", errors);
        String lastName = text(body, "last_name", errors);
        String rank = text(body, "rank", errors);
        String role = text(body, "role", errors);
        String picture = text(body, "profile_picture", errors);
        boolean staff = false;
        JsonNode isStaff = body.get("is_staff");
        if (isStaff != null && !isStaff.isNull()) {
            if (isStaff.isBoolean()) {
                staff = isStaff.booleanValue();
            } else {
                errors.computeIfAbsent("is_staff", f -> new ArrayList<>()).add("must be a boolean.");
            }
        }
        long score = 0;
        JsonNode scoreNode = body.get("score");
        if (scoreNode != null && !scoreNode.isNull()) {
            if (scoreNode.isIntegralNumber() && scoreNode.canConvertToLong()) {
                score = scoreNode.longValue();
            } else {
                errors.computeIfAbsent("score", f -> new ArrayList<>()).add("must be an integer.");
            }
        }
        JsonNode games = body.get("in_game_ids");
        if (games == null || games.isNull()) {
            games = JsonNodeFactory.instance.arrayNode();
        } else if (!games.isArray() || !allObjects(games)) {
            errors.computeIfAbsent("in_game_ids", f -> new ArrayList<>()).add("must be an array of objects.");
        }
        if (username == null && !errors.containsKey("username")) {
            errors.computeIfAbsent("username", f -> new ArrayList<>()).add("is required.");
        }
        if (!errors.isEmpty()) {
            Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
            throw new InvalidRequest(
                    "'" + first.getKey() + "' " + first.getValue().getFirst(), errors);
        }
        return new DevUserRequest(
                username,
                firstName == null ? "" : firstName,
                lastName == null ? "" : lastName,
                staff,
                score,
                rank,
                role,
                picture,
                games);
    }

    private static @Nullable String text(JsonNode body, String field, Map<String, List<String>> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.computeIfAbsent(field, f -> new ArrayList<>()).add("must be a string.");
            return null;
        }
        return value.stringValue();
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** A request the issuer refuses with 400. */
    static final class InvalidRequest extends Exception {
        final Map<String, List<String>> errors;

        InvalidRequest(String detail, Map<String, List<String>> errors) {
            super(detail);
            this.errors = errors;
        }
    }
}
