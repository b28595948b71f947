package chat.message.internal;

import chat.message.editing.MessageEditing;
import chat.message.messages.Message;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/messages/{id}}: who sent a message, to whom, in which conversation, and
 * whether it is deleted; what attachment-service needs to decide who may attach a file to it.
 */
@RestController
class InternalMessageController {

    private final MessageEditing messages;

    InternalMessageController(MessageEditing messages) {
        this.messages = messages;
    }

    @GetMapping({"/internal/messages/{id}", "/internal/messages/{id}/"})
    MessageFacts one(@PathVariable long id) {
        Message message = messages.any(id);
        return new MessageFacts(
                message.id(), message.conversationId(), message.senderId(), message.recipientId(), message.isDeleted());
    }

    record MessageFacts(
            long id,
            long conversation,
            long sender,
            long recipient,
            @JsonProperty("is_deleted") boolean deleted) {}
}
