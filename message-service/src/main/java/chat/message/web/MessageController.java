package chat.message.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.web.InvalidRequest;
import chat.message.attachments.MessageAttachments;
import chat.message.editing.MessageChange;
import chat.message.editing.MessageEditing;
import chat.message.messages.Message;
import chat.message.messages.MessageContent;
import chat.message.sending.MessageSending;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
    @Operation(
            operationId = "sendMessage",
            summary = "Sends a message to a user, in their conversation, which the first message creates"
                    + " (spec A.3.2, B.7)")
    @ApiResponse(responseCode = "201", description = "The stored message", useReturnTypeSchema = true)
    ResponseEntity<MessageView> send(
            ChatCaller caller,
            @RequestBody SendMessageRequest request,
            @Parameter(
                            description = "(ext) A retried POST with the same key from the same user answers the first"
                                    + " result instead of storing a duplicate (spec B.7)",
                            schema = @Schema(format = "uuid"))
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Nullable
                    String idempotencyKey) {
        Message message = sending.toRecipient(caller, request.content(), request.recipientId(), idempotencyKey);
        return created(message, users, attachments);
    }

    @GetMapping({"/{id}", "/{id}/"})
    @Operation(operationId = "getMessage", summary = "One message, with fresh links to its attachments")
    MessageView one(ChatCaller caller, @PathVariable long id) {
        return MessageView.of(editing.visible(caller, id), users, attachments);
    }

    @PutMapping(
            value = {"/{id}", "/{id}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "replaceMessage",
            summary = "Edits a message's content: its sender, or staff (spec B.9)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "Every other field of the Message is read-only and ignored",
                            content =
                                    @Content(
                                            schema = @Schema(types = "object", requiredProperties = "content"),
                                            schemaProperties =
                                                    @SchemaProperty(
                                                            name = "content",
                                                            schema = @Schema(types = "string", maxLength = 4000)))))
    @ApiResponse(responseCode = "200", description = "The edited message", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Someone else's message (spec B.5)")
    MessageView replace(ChatCaller caller, @PathVariable long id, @RequestBody JsonNode body) {
        return MessageView.of(editing.update(caller, id, change(body, true)), users, attachments);
    }

    @PatchMapping(
            value = {"/{id}", "/{id}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "patchMessage",
            summary = "Edits a message's content (its sender, or staff), or marks it read (its recipient) (spec B.9)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "`content` or `is_read`; every other field of the Message is read-only and"
                                    + " ignored",
                            content =
                                    @Content(
                                            schema = @Schema(types = "object"),
                                            schemaProperties = {
                                                @SchemaProperty(
                                                        name = "content",
                                                        schema = @Schema(types = "string", maxLength = 4000)),
                                                @SchemaProperty(
                                                        name = "is_read",
                                                        schema =
                                                                @Schema(
                                                                        types = "boolean",
                                                                        description = "Only `true`, by the recipient"))
                                            })))
    @ApiResponse(responseCode = "200", description = "The changed message", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Someone else's message, or marking read one's own (spec B.5)")
    MessageView patch(ChatCaller caller, @PathVariable long id, @RequestBody JsonNode body) {
        return MessageView.of(editing.update(caller, id, change(body, false)), users, attachments);
    }

    @DeleteMapping({"/{id}", "/{id}/"})
    @Operation(
            operationId = "deleteMessage",
            summary = "Deletes a message softly: it stays, with empty content and no attachments (spec B.10)")
    @ApiResponse(responseCode = "204", description = "Deleted, now or before")
    @ApiResponse(responseCode = "403", description = "Someone else's message (spec B.5)")
    ResponseEntity<Void> delete(ChatCaller caller, @PathVariable long id) {
        editing.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The body of a PUT ({@code contentRequired}) or PATCH. Only {@code content} and
     * {@code is_read} are read; every other field is read-only and ignored. Read by hand rather
     * than bound, so that a number is not taken for a string and each wrong field is named.
     */
    static MessageChange change(JsonNode body, boolean contentRequired) {
        if (!body.isObject()) {
            throw InvalidRequest.of("non_field_errors", "Send a JSON object.");
        }
        JsonNode content = body.get(MessageContent.FIELD);
        boolean hasContent = content != null && !content.isNull();
        if (hasContent && !content.isString()) {
            throw InvalidRequest.of(MessageContent.FIELD, "Not a valid string.");
        }
        if (!hasContent && contentRequired) {
            throw InvalidRequest.of(MessageContent.FIELD, "This field is required.");
        }
        return new MessageChange(hasContent ? content.stringValue() : null, isTrue(body.get("is_read")));
    }

    private static boolean isTrue(@Nullable JsonNode isRead) {
        if (isRead == null || isRead.isNull()) {
            return false;
        }
        if (!isRead.isBoolean()) {
            throw InvalidRequest.of("is_read", "Must be a boolean.");
        }
        return isRead.booleanValue();
    }

    static ResponseEntity<MessageView> created(Message message, UserDirectory users, MessageAttachments attachments) {
        return ResponseEntity.created(URI.create("/api/messages/" + message.id() + "/"))
                .body(MessageView.of(message, users, attachments));
    }
}
