package chat.message.internal;

import chat.common.security.ChatCaller;
import chat.message.editing.MessageChange;
import chat.message.editing.MessageEditing;
import chat.message.messages.Message;
import chat.message.messages.MessageNotFound;
import chat.message.sending.MessageSending;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebSocket's client events (spec A.5.3), carried out for a named user by realtime-service
 * with its own token: the user's handshake token may have expired since, the user's rights have
 * not. Each applies exactly the rules of the REST endpoint it mirrors, within the socket's
 * conversation.
 */
@RestController
class ActingForUsersController {

    private final MessageSending sending;
    private final MessageEditing editing;

    ActingForUsersController(MessageSending sending, MessageEditing editing) {
        this.sending = sending;
        this.editing = editing;
    }

    /** {@code chat_message}: as {@code POST /api/conversations/{id}/messages/}, with its client id. */
    @PostMapping("/internal/conversations/{conversation}/messages")
    ResponseEntity<MessageId> send(@PathVariable long conversation, @RequestBody ClientEvent event) {
        Message message =
                sending.intoConversation(event.caller(), conversation, event.content(), null, event.clientId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new MessageId(message.id()));
    }

    /** {@code edit_message}: as {@code PATCH /api/messages/{id}/}, for a message of this conversation. */
    @PostMapping("/internal/conversations/{conversation}/messages/{id}/edit")
    MessageId edit(@PathVariable long conversation, @PathVariable long id, @RequestBody ClientEvent event) {
        inConversation(event.caller(), conversation, id);
        editing.update(event.caller(), id, MessageChange.content(event.content()));
        return new MessageId(id);
    }

    /** {@code delete_message}: as {@code DELETE /api/messages/{id}/}, for a message of this conversation. */
    @PostMapping("/internal/conversations/{conversation}/messages/{id}/delete")
    MessageId delete(@PathVariable long conversation, @PathVariable long id, @RequestBody ClientEvent event) {
        inConversation(event.caller(), conversation, id);
        editing.delete(event.caller(), id);
        return new MessageId(id);
    }

    private void inConversation(ChatCaller caller, long conversation, long id) {
        if (editing.visible(caller, id).conversationId() != conversation) {
            throw new MessageNotFound();
        }
    }

    /** Who acts (as the socket's token said at the handshake) and what they sent. */
    record ClientEvent(
            @JsonProperty("user_id") long userId,
            @JsonProperty("is_staff") boolean staff,
            @Nullable String content,
            @JsonProperty("client_id") @Nullable String clientId) {

        ChatCaller caller() {
            return new ChatCaller(userId, staff, null, null, null, null);
        }
    }

    record MessageId(long id) {}
}
