package chat.message.internal;

import chat.common.web.InvalidRequest;
import chat.message.events.EventLog;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /internal/conversations/{id}/events?after_seq=N}: the events after a seq, for
 * realtime-service resuming a client; 410 when they are older than the log keeps.
 */
@RestController
class EventLogController {

    static final int MAX_EVENTS = 1000;

    private final EventLog log;
    private final JsonMapper json;

    EventLogController(EventLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    @GetMapping({"/internal/conversations/{conversation}/events", "/internal/conversations/{conversation}/events/"})
    Replay events(
            @PathVariable long conversation,
            @RequestParam(name = "after_seq") long afterSeq,
            @RequestParam(defaultValue = "" + MAX_EVENTS) int limit) {
        if (afterSeq < 0 || limit < 1 || limit > MAX_EVENTS) {
            throw InvalidRequest.of("after_seq", "after_seq must be 0 or more and limit from 1 to " + MAX_EVENTS + ".");
        }
        EventLog.Replay replay = log.after(conversation, afterSeq, limit)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.GONE, "Events after seq " + afterSeq + " are no longer kept; reload over REST."));
        return new Replay(
                conversation,
                replay.lastSeq(),
                replay.events().stream().map(json::readTree).toList());
    }

    record Replay(
            long conversation, @JsonProperty("last_seq") long lastSeq, List<JsonNode> events) {}
}
