package chat.realtime.live;

import chat.common.internal.InternalApiClients;
import chat.realtime.delivery.ServerEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A conversation's events after a seq, from message-service's event log, for a socket that
 * resumes with {@code since_seq} (spec B.15); empty when the log no longer holds them all, or
 * cannot say: the client then reloads over REST, which is always correct.
 */
@Component
public class EventReplay {

    private static final Logger log = LoggerFactory.getLogger(EventReplay.class);

    private final RestClient messageService;
    private final ServerEvents serverEvents;

    EventReplay(InternalApiClients clients, @Value("${chat.message-service.url}") URI url, ServerEvents serverEvents) {
        this.messageService = clients.to(url);
        this.serverEvents = serverEvents;
    }

    public Optional<List<ServerEvent>> after(long conversation, long sinceSeq) {
        List<ServerEvent> events = new ArrayList<>();
        long after = sinceSeq;
        while (true) {
            Page page;
            try {
                page = messageService
                        .get()
                        .uri("/internal/conversations/{c}/events?after_seq={s}", conversation, after)
                        .retrieve()
                        .body(Page.class);
            } catch (HttpClientErrorException.Gone tooOld) {
                return Optional.empty();
            } catch (RestClientException unavailable) {
                log.warn(
                        "Cannot replay conversation {} after seq {}: {}",
                        conversation,
                        sinceSeq,
                        unavailable.toString());
                return Optional.empty();
            }
            if (page == null || page.events().isEmpty()) {
                return Optional.of(events);
            }
            for (CloudEvent event : page.events()) {
                after = event.data().path("seq").asLong();
                serverEvents.of(event).ifPresent(events::add);
            }
            if (after >= page.lastSeq()) {
                return Optional.of(events);
            }
        }
    }

    /** One page of message-service's event log: the events after a seq, and the last one it holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(
            List<CloudEvent> events,
            @JsonProperty("last_seq") long lastSeq) {

        Page {
            // an answer without events is an empty page
            events = events == null ? List.of() : events;
        }
    }
}
