package chat.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Hands the events a transaction committed straight to the services that project them, besides
 * Kafka, so that the writer's next read already reflects its change (read-your-writes, ADR 0009).
 * Each projecting service gets one {@code POST /internal/events/{topic}} per transaction and
 * topic, with the events as a JSON array in outbox order.
 *
 * <p>Best effort: the change is committed and Kafka still brings every event, so a failure or a
 * timeout is logged and counted ({@value #METER}, tag {@code outcome}) and never fails the
 * writer's request. Receivers apply a pushed event through the same code as its Kafka record and
 * apply each event once whichever way arrives first.
 */
public class EventWriteThrough {

    public static final String METER = "chat.events.write.through";
    public static final String PATH = "/internal/events/{topic}";

    private static final Logger log = LoggerFactory.getLogger(EventWriteThrough.class);

    private final Map<String, List<Target>> projectors;

    /**
     * @param projectors the base URLs of the services projecting each topic
     * @param clients a client per base URL (the service's own token, a short timeout)
     */
    public EventWriteThrough(
            Map<String, List<URI>> projectors, Function<URI, RestClient> clients, MeterRegistry meters) {
        Map<URI, RestClient> byUrl = new LinkedHashMap<>();
        this.projectors = projectors.entrySet().stream()
                .filter(topic -> !topic.getValue().isEmpty())
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        topic -> topic.getValue().stream()
                                .map(url -> new Target(
                                        topic.getKey(),
                                        url,
                                        byUrl.computeIfAbsent(url, clients),
                                        counter(meters, topic.getKey(), url, "delivered"),
                                        counter(meters, topic.getKey(), url, "failed")))
                                .toList()));
    }

    /** Whether any topic has a projector to write through to. */
    public boolean configured() {
        return !projectors.isEmpty();
    }

    /** Whether {@code topic}'s events are written through. */
    boolean projects(String topic) {
        return projectors.containsKey(topic);
    }

    /**
     * Delivers committed events, grouped by topic in their order, one call per projector and
     * topic. Never throws: the caller's change is committed whatever happens here.
     */
    void deliver(List<Committed> events) {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (Committed event : events) {
            if (projects(event.topic())) {
                byTopic.computeIfAbsent(event.topic(), t -> new ArrayList<>()).add(event.payload());
            }
        }
        byTopic.forEach((topic, payloads) -> {
            String body = "[" + String.join(",", payloads) + "]";
            for (Target target : projectors.get(topic)) {
                target.send(body);
            }
        });
    }

    private static Counter counter(MeterRegistry meters, String topic, URI url, String outcome) {
        return Counter.builder(METER)
                .description("Committed events handed straight to a projecting service, by outcome")
                .tag("topic", topic)
                .tag("target", url.getAuthority() == null ? url.toString() : url.getAuthority())
                .tag("outcome", outcome)
                .register(meters);
    }

    /** An event as the outbox stored it: its topic and its CloudEvents JSON. */
    record Committed(String topic, String payload) {}

    private record Target(String topic, URI url, RestClient client, Counter delivered, Counter failed) {

        void send(String events) {
            try {
                client.post()
                        .uri(PATH, topic)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(events)
                        .retrieve()
                        .toBodilessEntity();
                delivered.increment();
            } catch (RuntimeException e) {
                // Kafka brings the events a moment later; only the writer's own next read may lag
                failed.increment();
                log.warn(
                        "Write-through of {} events to {} failed (Kafka still delivers them): {}",
                        topic,
                        url,
                        e.toString());
            }
        }
    }
}
