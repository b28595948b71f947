package chat.realtime.acting;

import chat.common.internal.InternalApiClients;
import chat.common.security.ChatCaller;
import chat.realtime.acting.ClientEvent.About;
import chat.realtime.acting.ClientEvent.ChatMessage;
import chat.realtime.acting.ClientEvent.DeleteMessage;
import chat.realtime.acting.ClientEvent.EditMessage;
import chat.realtime.acting.ClientEvent.InvalidClientEvent;
import chat.realtime.acting.ClientEvent.TypingChange;
import chat.realtime.acting.Outcome.Code;
import chat.realtime.typing.Typing;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out a socket's client events (spec A.5.3) through message-service, for the socket's
 * user, with this service's own token, and says what became of each ({@link Outcome}). Anything
 * invalid (not JSON, an unknown type, a missing or wrongly typed field, a change message-service
 * refuses) and anything over the user's {@link ClientEventLimit} is not carried out; whether the
 * client hears why is the socket's choice (spec A.5.2, B.14, B.19). What a valid event changes
 * comes back to every socket as a server event.
 */
@Component
public class ClientEvents {

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);

    private final RestClient messageService;
    private final Typing typing;
    private final ClientEventLimit limit;
    private final JsonMapper json;

    ClientEvents(
            InternalApiClients clients,
            @Value("${chat.message-service.url}") URI url,
            Typing typing,
            ClientEventLimit limit,
            JsonMapper json) {
        this.messageService = clients.to(url);
        this.typing = typing;
        this.limit = limit;
        this.json = json;
    }

    public Outcome handle(ChatCaller caller, long conversation, String text) {
        ClientEvent event;
        try {
            event = ClientEvent.read(json, text);
        } catch (InvalidClientEvent invalid) {
            return invalid.refusal();
        }
        About about = event.about();
        return switch (event) {
            case ChatMessage message ->
                carryOut(
                        caller,
                        about,
                        "/internal/conversations/{c}/messages",
                        body(caller, message.content(), message.clientId()),
                        conversation);
            case EditMessage edit ->
                carryOut(
                        caller,
                        about,
                        "/internal/conversations/{c}/messages/{m}/edit",
                        body(caller, edit.content(), null),
                        conversation,
                        edit.messageId());
            case DeleteMessage delete ->
                carryOut(
                        caller,
                        about,
                        "/internal/conversations/{c}/messages/{m}/delete",
                        body(caller, null, null),
                        conversation,
                        delete.messageId());
            case TypingChange change -> typing(caller, conversation, about, change.isTyping());
        };
    }

    /**
     * Acknowledged once passed on; a renewal within the typing throttle is acknowledged too: the
     * others already see the user typing.
     */
    private Outcome typing(ChatCaller caller, long conversation, About about, boolean isTyping) {
        if (!limit.admits(caller.userId())) {
            return about.refused(Code.RATE_LIMITED, limit.refusal());
        }
        typing.typed(caller, conversation, isTyping);
        return about.done(null);
    }

    private Outcome carryOut(ChatCaller caller, About about, String path, ActingFor body, Object... ids) {
        if (!limit.admits(caller.userId())) {
            return about.refused(Code.RATE_LIMITED, limit.refusal());
        }
        try {
            Stored answer =
                    messageService.post().uri(path, ids).body(body).retrieve().body(Stored.class);
            return about.done(answer != null && answer.id() != null ? answer.id() : about.messageId());
        } catch (RestClientResponseException answered) {
            Code code = Code.ofStatus(answered.getStatusCode().value());
            if (code == Code.UNAVAILABLE) {
                log.warn("A client event could not be carried out: {}", answered.toString());
            }
            return about.refused(code, code.detail(detailOf(answered)));
        } catch (RestClientException unreachable) {
            log.warn("A client event could not be carried out: {}", unreachable.toString());
            return about.refused(Code.UNAVAILABLE, Code.UNAVAILABLE.defaultDetail());
        }
    }

    /** The {@code detail} of message-service's problem body, if it has one. */
    private @Nullable String detailOf(RestClientResponseException answered) {
        try {
            JsonNode problem = json.readTree(answered.getResponseBodyAsString());
            return problem != null && problem.path("detail").isString()
                    ? problem.path("detail").stringValue()
                    : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static ActingFor body(ChatCaller caller, @Nullable String content, @Nullable String clientId) {
        return new ActingFor(caller.userId(), caller.staff(), content, clientId);
    }

    /** What message-service's internal API is asked to do for the socket's user. */
    record ActingFor(
            @JsonProperty("user_id") long userId,
            @JsonProperty("is_staff") boolean staff,
            @Nullable String content,
            @JsonProperty("client_id") @Nullable String clientId) {}

    /** message-service's answer: the message stored or changed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(@Nullable Long id) {}
}
