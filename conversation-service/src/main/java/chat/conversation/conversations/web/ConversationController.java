package chat.conversation.conversations.web;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.Conversations;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.node.NullNode;

@RestController
@RequestMapping("/api/conversations")
@Transactional(readOnly = true)
class ConversationController {

    private final Conversations conversations;
    private final UserDirectory users;

    ConversationController(Conversations conversations, UserDirectory users) {
        this.conversations = conversations;
        this.users = users;
    }

    @GetMapping({"", "/"})
    List<ConversationView> list(ChatCaller caller) {
        List<Conversation> visible =
                caller.staff() ? conversations.findAllByActivity() : conversations.findAllOf(caller.userId());
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
                .findById(id)
                .filter(c -> c.isVisibleTo(caller.userId(), caller.staff()))
                // an outsider learns nothing, not even that the id exists (spec B.5)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        return ConversationView.of(conversation, users.renderAll(conversation.participants()), NullNode.getInstance());
    }
}
