package chat.message.internal;

import chat.message.messages.Message;
import chat.message.messages.MessageNotFound;
import chat.message.messages.Messages;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/messages/{id}}: who sent a message, to whom, in which conversation, and
 * whether it is deleted; what attachment-service needs to decide who may attach a file to it.
 */
@RestController
class InternalMessageController {

    private final Messages messages;

    InternalMessageController(Messages messages) {
        this.messages = messages;
    }

    @GetMapping({"/internal/messages/{id}", "/internal/messages/{id}/"})
    @Transactional(readOnly = true)
    MessageFacts one(@PathVariable long id) {
        Message message = messages.findById(id).orElseThrow(MessageNotFound::new);
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
