package chat.message.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.message.attachments.MessageAttachments;
import chat.message.editing.MessageEditing;
import chat.message.messages.Message;
import chat.message.sending.MessageSending;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/messages/}: send (spec A.3.2) and the CRUD of one message (spec B.9, B.10). Bodies
 * are JSON only: another Content-Type, a wildcard one included, is 415.
 */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final MessageSending sending;
    private final MessageEditing editing;
    private final UserDirectory users;
    private final MessageAttachments attachments;

    MessageController(
            MessageSending sending, MessageEditing editing, UserDirectory users, MessageAttachments attachments) {
        this.sending = sending;
        this.editing = editing;
        this.users = users;
        this.attachments = attachments;
    }

    @PostMapping(
            value = {"", "/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MessageView> send(
            ChatCaller caller,
            @RequestBody SendMessageRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
        Message message = sending.toRecipient(caller, request.content(), request.recipientId(), idempotencyKey);
        return created(message, users, attachments);
    }

    @GetMapping({"/{id}", "/{id}/"})
    MessageView one(ChatCaller caller, @PathVariable long id) {
        return MessageView.of(editing.visible(caller, id), users, attachments);
    }

    @PutMapping(
            value = {"/{id}", "/{id}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    MessageView replace(ChatCaller caller, @PathVariable long id, @RequestBody JsonNode body) {
        return MessageView.of(editing.update(caller, id, body, false), users, attachments);
    }

    @PatchMapping(
            value = {"/{id}", "/{id}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    MessageView patch(ChatCaller caller, @PathVariable long id, @RequestBody JsonNode body) {
        return MessageView.of(editing.update(caller, id, body, true), users, attachments);
    }

    @DeleteMapping({"/{id}", "/{id}/"})
    ResponseEntity<Void> delete(ChatCaller caller, @PathVariable long id) {
        editing.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    static ResponseEntity<MessageView> created(Message message, UserDirectory users, MessageAttachments attachments) {
        return ResponseEntity.created(URI.create("/api/messages/" + message.id() + "/"))
                .body(MessageView.of(message, users, attachments));
    }
}
