package chat.conversation.internal;

import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.VisibleConversations;
import chat.conversation.starting.ConversationStarting;
import chat.conversation.starting.ConversationStarting.StartedConversation;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The internal API other chat services call with their own token (never routed by the gateway):
 * find-or-create a pair's conversation, and a conversation's participants.
 */
@RestController
@RequestMapping("/internal/conversations")
class InternalConversationController {

    private final ConversationStarting starting;
    private final VisibleConversations conversations;

    InternalConversationController(ConversationStarting starting, VisibleConversations conversations) {
        this.starting = starting;
        this.conversations = conversations;
    }

    /** {@code participants}: the initiator first, then the other user. 201 if created, else 200. */
    @PostMapping({"", "/"})
    ResponseEntity<InternalConversation> findOrCreate(@Valid @RequestBody FindOrCreate request) {
        List<@NotNull @Positive Long> pair = request.participants();
        if (pair.get(0).equals(pair.get(1))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The participants must be two different users.");
        }
        StartedConversation conversation = starting.findOrCreate(pair.get(0), pair.get(1));
        return ResponseEntity.status(conversation.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new InternalConversation(
                        conversation.id(), conversation.participants(), conversation.createdAt()));
    }

    @GetMapping({"/{id}", "/{id}/"})
    InternalConversation one(@PathVariable long id) {
        Conversation conversation =
                conversations.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new InternalConversation(conversation.id(), conversation.participants(), conversation.createdAt());
    }

    record FindOrCreate(@NotNull @Size(min = 2, max = 2) List<@NotNull @Positive Long> participants) {}

    record InternalConversation(
            long id,
            List<Long> participants,
            @JsonProperty("created_at") Instant createdAt) {}
}
