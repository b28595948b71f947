package chat.common.web;

import java.util.List;
import java.util.Map;

/**
 * A request that breaks a rule of the API, field by field: answered 400 with {@code errors} (field
 * name to messages) and a {@code detail} naming the first problem.
 */
public class InvalidRequest extends RuntimeException {

    private final Map<String, List<String>> errors;

    public InvalidRequest(Map<String, List<String>> errors) {
        super(summary(errors));
        this.errors = Map.copyOf(errors);
    }

    public static InvalidRequest of(String field, String message) {
        return new InvalidRequest(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    static String summary(Map<String, List<String>> errors) {
        return errors.entrySet().stream()
                .findFirst()
                .map(e -> "'" + e.getKey() + "': " + e.getValue().getFirst())
                .orElse("The request is invalid.");
    }
}
