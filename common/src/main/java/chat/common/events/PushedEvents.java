package chat.common.events;

import chat.common.web.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /internal/events/{topic}} as a receiver reads it: the JSON array of
 * CloudEvents that an {@link EventWriteThrough} sends, each checked for what every consumer relies
 * on (an id, a type, a data object) before any is applied.
 */
public final class PushedEvents {

    private PushedEvents() {}

    /**
     * @throws InvalidRequest if the body is not an array of events
     */
    public static List<JsonNode> of(JsonNode body) {
        if (!body.isArray()) {
            throw InvalidRequest.of("events", "The body must be a JSON array of events.");
        }
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : body) {
            if (!event.path("id").isString() || !isUuid(event.path("id").asString())) {
                throw InvalidRequest.of("id", "Every event needs an 'id' that is a UUID.");
            }
            if (!event.path("type").isString() || !event.path("data").isObject()) {
                throw InvalidRequest.of("type", "Every event needs a 'type' and a 'data' object.");
            }
            events.add(event);
        }
        return events;
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
