package chat.realtime.acting;

import chat.common.internal.InternalApiClients;
import chat.common.security.ChatCaller;
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

    static final String CHAT_MESSAGE = "chat_message";
    static final String EDIT_MESSAGE = "edit_message";
    static final String DELETE_MESSAGE = "delete_message";
    static final String TYPING = "typing";

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
        JsonNode event;
        try {
            event = json.readTree(text);
        } catch (JacksonException notJson) {
            return Outcome.invalid("Not JSON: an event is a JSON object with a type.");
        }
        if (event == null || !event.isObject()) {
            return Outcome.invalid("Not a JSON object: an event is a JSON object with a type.");
        }
        JsonNode typeField = event.path("type");
        String type = typeField.isString() ? typeField.stringValue() : "";
        return switch (type) {
            case CHAT_MESSAGE -> chatMessage(caller, conversation, event);
            case EDIT_MESSAGE -> editMessage(caller, conversation, event);
            case DELETE_MESSAGE -> deleteMessage(caller, conversation, event);
            case TYPING -> typing(caller, conversation, event);
            default ->
                Outcome.invalid(
                        typeField.isMissingNode()
                                ? "The event has no type."
                                : "Unknown type: a client sends chat_message, edit_message, delete_message or typing.");
        };
    }

    private Outcome chatMessage(ChatCaller caller, long conversation, JsonNode event) {
        JsonNode clientIdField = event.path("client_id");
        String clientId = clientIdField.isString() ? clientIdField.stringValue() : null;
        About about = new About(CHAT_MESSAGE, null, clientId);
        if (!clientIdField.isMissingNode() && clientId == null) {
            return about.refused(Code.INVALID, "client_id must be a string.");
        }
        if (!event.path("content").isString()) {
            return about.refused(Code.INVALID, "content must be a string.");
        }
        return carryOut(
                caller,
                about,
                "/internal/conversations/{c}/messages",
                body(caller, event.path("content").stringValue(), clientId),
                conversation);
    }

    private Outcome editMessage(ChatCaller caller, long conversation, JsonNode event) {
        Long id = idOf(event.path("message_id"));
        About about = new About(EDIT_MESSAGE, id, null);
        if (id == null) {
            return about.refused(Code.INVALID, "message_id must be a positive integer.");
        }
        if (!event.path("content").isString()) {
            return about.refused(Code.INVALID, "content must be a string.");
        }
        return carryOut(
                caller,
                about,
                "/internal/conversations/{c}/messages/{m}/edit",
                body(caller, event.path("content").stringValue(), null),
                conversation,
                id);
    }

    private Outcome deleteMessage(ChatCaller caller, long conversation, JsonNode event) {
        Long id = idOf(event.path("message_id"));
        About about = new About(DELETE_MESSAGE, id, null);
        if (id == null) {
            return about.refused(Code.INVALID, "message_id must be a positive integer.");
        }
        return carryOut(
                caller,
                about,
                "/internal/conversations/{c}/messages/{m}/delete",
                body(caller, null, null),
                conversation,
                id);
    }

    /**
     * Acknowledged once passed on; a renewal within the typing throttle is acknowledged too: the
     * others already see the user typing.
     */
    private Outcome typing(ChatCaller caller, long conversation, JsonNode event) {
        About about = new About(TYPING, null, null);
        if (!event.path("is_typing").isBoolean()) {
            return about.refused(Code.INVALID, "is_typing must be true or false.");
        }
        if (!limit.admits(caller.userId())) {
            return about.refused(Code.RATE_LIMITED, limit.refusal());
        }
        typing.typed(caller, conversation, event.path("is_typing").booleanValue());
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

    private static @Nullable Long idOf(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0 ? value.longValue() : null;
    }

    /** The event a reply is about, as the client named it. */
    private record About(
            String event,
            @Nullable Long messageId,
            @Nullable String clientId) {

        Outcome done(@Nullable Long storedId) {
            return new Outcome.Done(event, storedId, clientId);
        }

        Outcome refused(Code code, String detail) {
            return new Outcome.Refused(code, detail, event, messageId, clientId);
        }
    }
}
