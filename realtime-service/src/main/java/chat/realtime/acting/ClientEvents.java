package chat.realtime.acting;

import chat.common.internal.InternalApiClients;
import chat.common.security.ChatCaller;
import chat.realtime.typing.Typing;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out a socket's client events (spec A.5.3) through message-service, for the socket's
 * user, with this service's own token. Anything invalid (not JSON, an unknown type, a missing or
 * wrongly typed field, a change message-service refuses) is ignored without a reply (spec A.5.2,
 * B.14); what a valid event changes comes back to every socket as a server event.
 */
@Component
public class ClientEvents {

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);

    private final RestClient messageService;
    private final Typing typing;
    private final JsonMapper json;

    ClientEvents(
            InternalApiClients clients, @Value("${chat.message-service.url}") URI url, Typing typing, JsonMapper json) {
        this.messageService = clients.to(url);
        this.typing = typing;
        this.json = json;
    }

    public void handle(ChatCaller caller, long conversation, String text) {
        JsonNode event;
        try {
            event = json.readTree(text);
        } catch (JacksonException notJson) {
            return;
        }
        if (!event.isObject()) {
            return;
        }
        String type = event.path("type").isString() ? event.path("type").stringValue() : "";
        switch (type) {
            case "chat_message" -> {
                JsonNode clientId = event.path("client_id");
                if (event.path("content").isString() && (clientId.isMissingNode() || clientId.isString())) {
                    call(
                            "/internal/conversations/{c}/messages",
                            body(
                                    caller,
                                    event.path("content").stringValue(),
                                    clientId.isString() ? clientId.stringValue() : null),
                            conversation);
                }
            }
            case "edit_message" -> {
                if (isId(event.path("message_id")) && event.path("content").isString()) {
                    call(
                            "/internal/conversations/{c}/messages/{m}/edit",
                            body(caller, event.path("content").stringValue(), null),
                            conversation,
                            event.path("message_id").longValue());
                }
            }
            case "delete_message" -> {
                if (isId(event.path("message_id"))) {
                    call(
                            "/internal/conversations/{c}/messages/{m}/delete",
                            body(caller, null, null),
                            conversation,
                            event.path("message_id").longValue());
                }
            }
            case "typing" -> {
                if (event.path("is_typing").isBoolean()) {
                    typing.typed(caller, conversation, event.path("is_typing").booleanValue());
                }
            }
            default -> {
                // unknown: ignored
            }
        }
    }

    private void call(String path, Map<String, Object> body, Object... ids) {
        try {
            messageService
                    .post()
                    .uri(path, ids)
                    .body(body)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                        // refused by the rules (someone else's message, blank content): ignored
                    })
                    .toBodilessEntity();
        } catch (RestClientException e) {
            log.warn("A client event could not be carried out: {}", e.toString());
        }
    }

    private static Map<String, Object> body(ChatCaller caller, @Nullable String content, @Nullable String clientId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", caller.userId());
        body.put("is_staff", caller.staff());
        body.put("content", content);
        body.put("client_id", clientId);
        return body;
    }

    private static boolean isId(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0;
    }
}
