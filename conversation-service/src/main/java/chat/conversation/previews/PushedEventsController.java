package chat.conversation.previews;

import chat.common.events.PushedEvents;
import chat.common.events.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /internal/events/{topic}}: events a writer hands over right after its commit
 * (ADR 0009), applied by the same code as their Kafka records. 204 once applied (or found
 * applied already); a pushed event that cannot be placed yet is left to Kafka.
 */
@RestController
class PushedEventsController {

    private final Previews previews;

    PushedEventsController(Previews previews) {
        this.previews = previews;
    }

    @PostMapping({"/internal/events/{topic}", "/internal/events/{topic}/"})
    ResponseEntity<Void> events(@PathVariable String topic, @RequestBody JsonNode body) {
        switch (topic) {
            case Topics.MESSAGES -> previews.onPushedMessageEvents(PushedEvents.of(body));
            case Topics.ATTACHMENTS -> previews.onPushedAttachmentEvents(PushedEvents.of(body));
            default ->
                throw new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "This service does not project the events of " + topic + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
