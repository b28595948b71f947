package chat.realtime.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What this service reads of a record on the services' topics (structured-mode CloudEvents, see
 * contracts/README): the {@code type} that says how to read {@code data}, and {@code time}.
 * Attributes and fields it does not know are ignored, as the contract asks of consumers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CloudEvent(String type, @Nullable String time, JsonNode data) {}
