package chat.message.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.web.InvalidRequest;
import chat.common.web.PageEnvelope;
import chat.message.attachments.MessageAttachments;
import chat.message.editing.MessageEditing;
import chat.message.editing.ReadUpTo;
import chat.message.history.MessageHistory;
import chat.message.messages.Message;
import chat.message.sending.MessageSending;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** A conversation's messages: its history (spec A.3.2, B.8), sending into it and reading it (B.12, B.15). */
@RestController
@RequestMapping("/api/conversations/{conversation}")
class ConversationMessagesController {

    private final MessageHistory history;
    private final MessageSending sending;
    private final MessageEditing editing;
    private final UserDirectory users;
    private final MessageAttachments attachments;

    ConversationMessagesController(
            MessageHistory history,
            MessageSending sending,
            MessageEditing editing,
            UserDirectory users,
            MessageAttachments attachments) {
        this.history = history;
        this.sending = sending;
        this.editing = editing;
        this.users = users;
        this.attachments = attachments;
    }

    @GetMapping({"/messages", "/messages/"})
    @Operation(
            operationId = "listConversationMessages",
            summary = "A conversation's messages, newest first, a page at a time (spec A.3.2, B.8)")
    PageEnvelope<MessageView> history(
            ChatCaller caller,
            @PathVariable long conversation,
            @Parameter(
                            description = "The page, from 1; a page past the end is 404 `Invalid page.`",
                            schema = @Schema(types = "integer", minimum = "1"))
                    @RequestParam(required = false)
                    @Nullable
                    String page,
            @Parameter(
                            description = "Messages per page, 1 to 100 (default 20)",
                            schema = @Schema(types = "integer", minimum = "1", maximum = "100"))
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    String pageSize,
            @Parameter(
                            description = "(ext) The messages older than this message id; `next` and `previous` then"
                                    + " page by id too",
                            schema = @Schema(types = "integer", minimum = "1"))
                    @RequestParam(required = false)
                    @Nullable
                    String before,
            @Parameter(
                            description = "(ext) The messages newer than this message id",
                            schema = @Schema(types = "integer", minimum = "0"))
                    @RequestParam(required = false)
                    @Nullable
                    String after) {
        MessageHistory.Query query = MessageHistory.Query.of(page, pageSize, before, after);
        MessageHistory.Slice slice = history.of(caller, conversation, query);
        List<MessageView> results = MessageView.all(slice.messages(), users, attachments);
        if (!query.byCursor()) {
            return query.paging().envelope(slice.count(), results);
        }
        List<Message> messages = slice.messages();
        return new PageEnvelope<>(
                slice.count(),
                slice.older() ? cursorLink("before", messages.getLast().id(), query.size()) : null,
                slice.newer() ? cursorLink("after", newestSeen(messages, query), query.size()) : null,
                results);
    }

    @PostMapping(
            value = {"/messages", "/messages/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "sendToConversation",
            summary = "(ext) Sends a message into a conversation by its id, as `chat_message` does (spec B.15)")
    @ApiResponse(responseCode = "201", description = "The stored message", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Staff who do not take part in the conversation (spec B.6)")
    ResponseEntity<MessageView> send(
            ChatCaller caller,
            @PathVariable long conversation,
            @RequestBody ConversationMessageRequest request,
            @Parameter(
                            description = "(ext) A retried POST with the same key from the same user answers the first"
                                    + " result instead of storing a duplicate (spec B.7)",
                            schema = @Schema(format = "uuid"))
                    @RequestHeader(name = MessageController.IDEMPOTENCY_KEY, required = false)
                    @Nullable
                    String idempotencyKey) {
        Message message = sending.intoConversation(caller, conversation, request.content(), idempotencyKey, null);
        return MessageController.created(message, users, attachments);
    }

    @PostMapping(
            value = {"/read", "/read/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "markConversationRead",
            summary = "(ext) Marks read every message up to an id that the caller received in the conversation"
                    + " (spec B.12)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(types = "object", requiredProperties = "up_to"),
                                            schemaProperties =
                                                    @SchemaProperty(
                                                            name = "up_to",
                                                            schema =
                                                                    @Schema(
                                                                            types = "integer",
                                                                            minimum = "1",
                                                                            description = "A message id")))))
    @ApiResponse(
            responseCode = "200",
            description = "How many messages this call marked read",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Staff who do not take part in the conversation (spec B.6)")
    ReadAnswer read(ChatCaller caller, @PathVariable long conversation, @RequestBody JsonNode body) {
        MessageEditing.MarkedRead read = editing.readUpTo(caller, conversation, readUpTo(body));
        return new ReadAnswer(read.conversation(), read.upTo(), read.marked());
    }

    /** Read by hand rather than bound, so that {@code "7"} or {@code 7.5} is refused, not converted. */
    static ReadUpTo readUpTo(JsonNode body) {
        JsonNode upTo = body.isObject() ? body.get(ReadUpTo.FIELD) : null;
        if (upTo == null || upTo.isNull()) {
            throw InvalidRequest.of(ReadUpTo.FIELD, "This field is required.");
        }
        if (!upTo.isIntegralNumber() || !upTo.canConvertToLong()) {
            throw InvalidRequest.of(ReadUpTo.FIELD, ReadUpTo.NOT_AN_ID);
        }
        return new ReadUpTo(upTo.longValue());
    }

    @Schema(name = "ReadUpTo")
    record ReadAnswer(
            long conversation,
            @JsonProperty("up_to") long upTo,
            @JsonProperty("marked_read") int markedRead) {}

    /**
     * Where the newer side starts: after the page's newest message, or, for an empty page before a
     * cursor (a client that scrolled past the oldest message), from the cursor itself.
     */
    private static long newestSeen(List<Message> page, MessageHistory.Query query) {
        if (!page.isEmpty()) {
            return page.getFirst().id();
        }
        return query.before() == null ? 0 : Math.max(0, query.before() - 1);
    }

    /** The same list from the other side of a message id, on the public address the gateway forwarded. */
    private static String cursorLink(String direction, long id, int size) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page")
                .replaceQueryParam("before")
                .replaceQueryParam("after")
                .replaceQueryParam(direction, id)
                .replaceQueryParam("page_size", size)
                .build()
                .toUriString();
    }
}
