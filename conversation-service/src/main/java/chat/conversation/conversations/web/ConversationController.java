package chat.conversation.conversations.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.VisibleConversations;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.node.NullNode;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final VisibleConversations conversations;
    private final UserDirectory users;

    ConversationController(VisibleConversations conversations, UserDirectory users) {
        this.conversations = conversations;
        this.users = users;
    }

    @GetMapping({"", "/"})
    List<ConversationView> list(ChatCaller caller) {
        List<Conversation> visible = conversations.of(caller);
        Map<Long, UserProfile> profiles = users.renderAll(visible.stream()
                .flatMap(c -> c.participants().stream())
                .distinct()
                .toList());
        return visible.stream()
                .map(c -> ConversationView.of(c, profiles, NullNode.getInstance()))
                .toList();
    }

    @GetMapping({"/{id}", "/{id}/"})
    ConversationView one(@PathVariable long id, ChatCaller caller) {
        Conversation conversation = conversations
                .one(id, caller)
                // an outsider learns nothing, not even that the id exists (spec B.5)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ConversationView.of(conversation, users.renderAll(conversation.participants()), NullNode.getInstance());
    }
}
