package chat.conversation.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.common.web.Paging;
import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.VisibleConversations;
import chat.conversation.previews.PreviewAttachments;
import chat.conversation.previews.UnreadCounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final VisibleConversations conversations;
    private final UserDirectory users;
    private final UnreadCounts unread;
    private final PreviewAttachments attachments;
    private final JsonMapper json;

    ConversationController(
            VisibleConversations conversations,
            UserDirectory users,
            UnreadCounts unread,
            PreviewAttachments attachments,
            JsonMapper json) {
        this.conversations = conversations;
        this.users = users;
        this.unread = unread;
        this.attachments = attachments;
        this.json = json;
    }

    /**
     * A JSON array, most recent activity first (spec B.8); with {@code page} or {@code page_size}
     * the same list in the paginated envelope, since staff see every conversation.
     */
    @GetMapping({"", "/"})
    @Operation(
            operationId = "listConversations",
            summary = "The conversations the caller takes part in (every one for staff), most recent activity first",
            description = "A JSON array (spec A.3.1); with `page` or `page_size` (ext, spec B.8) the same list in"
                    + " the paginated envelope of the message list.")
    @ApiResponse(
            responseCode = "200",
            description = "The list, or one page of it",
            content = @Content(schema = @Schema(oneOf = {ConversationView[].class, ConversationPage.class})))
    Object list(
            ChatCaller caller,
            @Parameter(
                            description = "(ext) The page, from 1; a page past the end is 404 `Invalid page.`",
                            schema = @Schema(types = "integer", minimum = "1"))
                    @RequestParam(required = false)
                    @Nullable
                    String page,
            @Parameter(
                            description = "(ext) Conversations per page, 1 to 100 (default 20)",
                            schema = @Schema(types = "integer", minimum = "1", maximum = "100"))
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    String pageSize) {
        if (page == null && pageSize == null) {
            return views(conversations.of(caller), caller);
        }
        Paging paging = Paging.of(page, pageSize);
        VisibleConversations.Slice slice = conversations.page(caller, PageRequest.of(paging.page() - 1, paging.size()));
        return paging.envelope(slice.total(), views(slice.conversations(), caller));
    }

    @GetMapping({"/{id}", "/{id}/"})
    @Operation(operationId = "getConversation", summary = "One conversation of the caller's (any one for staff)")
    ConversationView one(@PathVariable long id, ChatCaller caller) {
        Conversation conversation = conversations
                .one(id, caller)
                // an outsider learns nothing, not even that the id exists (spec B.5)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return views(List.of(conversation), caller).getFirst();
    }

    /** The paginated list, as the document shows it: what {@code Paging.envelope} renders. */
    @Schema(name = "ConversationPage")
    record ConversationPage(
            long count, @Nullable String next, @Nullable String previous, List<ConversationView> results) {}

    private List<ConversationView> views(List<Conversation> visible, ChatCaller caller) {
        Map<Long, UserProfile> profiles = users.renderAll(visible.stream()
                .flatMap(c -> c.participants().stream())
                .distinct()
                .toList());
        Map<Long, Long> unreadCounts =
                unread.of(visible.stream().map(Conversation::id).toList(), caller.userId());
        Map<Long, List<PreviewAttachments.Attachment>> files = attachments.of(visible.stream()
                .map(Conversation::lastMessageId)
                .flatMap(java.util.Optional::stream)
                .toList());
        return visible.stream()
                .map(c -> ConversationView.of(c, profiles, unreadCounts.getOrDefault(c.id(), 0L), files, json))
                .toList();
    }
}
