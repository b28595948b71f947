package chat.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the attributes beside a JSON {@code data}.
 *
 * <p>{@code type} is a stable contract name such as {@code chat.message.created}, never a Java
 * class name; {@code subject} is the id the record is keyed by (the conversation, or the user on
 * {@link Topics#USERS}); {@code id} is unique per event, and consumers deduplicate by it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static EventEnvelope of(String type, String source, String subject, JsonNode data, Instant time) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), type, source, time, subject, JSON, data);
    }
}
