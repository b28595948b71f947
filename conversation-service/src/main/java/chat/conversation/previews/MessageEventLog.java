package chat.conversation.previews;

import chat.common.internal.InternalApiClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * A conversation's message events after a seq, from message-service's event log
 * ({@code GET /internal/conversations/{id}/events?after_seq=N}): what a pushed event overtook.
 */
@Component
class MessageEventLog {

    private static final Logger log = LoggerFactory.getLogger(MessageEventLog.class);

    private final RestClient messageService;

    /**
     * @param timeout short: it runs while the writer waits for its write-through, and Kafka
     *     brings the same events anyway
     */
    MessageEventLog(
            InternalApiClients clients,
            @Value("${chat.message-service.url}") URI url,
            @Value("${chat.message-service.timeout:500ms}") Duration timeout) {
        this.messageService = clients.to(url, timeout);
    }

    /** The events after {@code afterSeq} in seq order; none if the log cannot be read now. */
    List<JsonNode> after(long conversation, long afterSeq) {
        try {
            JsonNode replay = messageService
                    .get()
                    .uri("/internal/conversations/{id}/events?after_seq={seq}", conversation, afterSeq)
                    .retrieve()
                    .body(JsonNode.class);
            List<JsonNode> events = new ArrayList<>();
            if (replay != null) {
                replay.path("events").forEach(events::add);
            }
            return events;
        } catch (RestClientException e) {
            log.info(
                    "Events of conversation {} after seq {} unavailable, left to Kafka: {}",
                    conversation,
                    afterSeq,
                    e.toString());
            return List.of();
        }
    }
}
