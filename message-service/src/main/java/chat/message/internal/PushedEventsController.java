package chat.message.internal;

import chat.common.events.PushedEvents;
import chat.common.events.Topics;
import chat.message.attachments.AttachmentFeed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /internal/events/chat.attachment.v1}: attachment events attachment-service hands
 * over right after an upload commits (ADR 0009), recorded by the same code as their Kafka records,
 * so that the uploader's next read of the message shows the file. The {@code attachment_added}
 * event this records is in turn written through to conversation-service before this answers.
 */
@RestController
class PushedEventsController {

    private final AttachmentFeed attachments;

    PushedEventsController(AttachmentFeed attachments) {
        this.attachments = attachments;
    }

    @PostMapping({"/internal/events/{topic}", "/internal/events/{topic}/"})
    ResponseEntity<Void> events(@PathVariable String topic, @RequestBody JsonNode body) {
        if (!Topics.ATTACHMENTS.equals(topic)) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "This service does not project the events of " + topic + ".");
        }
        attachments.onPushedEvents(PushedEvents.of(body));
        return ResponseEntity.noContent().build();
    }
}
