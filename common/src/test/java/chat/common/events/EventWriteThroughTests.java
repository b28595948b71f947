package chat.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.EventWriteThrough.Committed;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The write-through's calls, against real HTTP servers standing for the projecting services. */
class EventWriteThroughTests {

    final MeterRegistry meters = new SimpleMeterRegistry();
    final Projector conversations = new Projector(204);
    final Projector messages = new Projector(204);
    final Projector refusing = new Projector(503);

    @AfterEach
    void stop() {
        conversations.server.stop(0);
        messages.server.stop(0);
        refusing.server.stop(0);
    }

    @Test
    void sendsATransactionsEventsOfATopicInOneCallToEachProjectorInOrder() {
        EventWriteThrough through = writeThrough(Map.of(
                Topics.MESSAGES, List.of(conversations.uri()),
                Topics.ATTACHMENTS, List.of(messages.uri(), conversations.uri())));

        through.deliver(List.of(
                new Committed(Topics.MESSAGES, "{\"n\":1}"),
                new Committed(Topics.ATTACHMENTS, "{\"n\":2}"),
                new Committed(Topics.MESSAGES, "{\"n\":3}"),
                new Committed(Topics.CONVERSATIONS, "{\"n\":4}")));

        assertThat(conversations.received)
                .containsExactly(
                        "/internal/events/chat.message.v1 [{\"n\":1},{\"n\":3}]",
                        "/internal/events/chat.attachment.v1 [{\"n\":2}]");
        assertThat(messages.received).containsExactly("/internal/events/chat.attachment.v1 [{\"n\":2}]");
        assertThat(count("delivered")).isEqualTo(3);
        assertThat(count("failed")).isZero();
    }

    @Test
    void countsARefusedOrUnreachableProjectorAndNeverThrows() throws IOException {
        URI gone;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        EventWriteThrough through =
                writeThrough(Map.of(Topics.MESSAGES, List.of(refusing.uri(), gone, conversations.uri())));

        through.deliver(List.of(new Committed(Topics.MESSAGES, "{}")));

        assertThat(refusing.received).hasSize(1);
        assertThat(conversations.received)
                .as("a failure does not stop the next projector")
                .hasSize(1);
        assertThat(count("failed")).isEqualTo(2);
        assertThat(count("delivered")).isEqualTo(1);
    }

    @Test
    void isOffWithoutAProjector() {
        EventWriteThrough through = writeThrough(Map.of(Topics.MESSAGES, List.of()));
        assertThat(through.configured()).isFalse();
        through.deliver(List.of(new Committed(Topics.MESSAGES, "{}")));
        assertThat(meters.getMeters()).isEmpty();
    }

    private EventWriteThrough writeThrough(Map<String, List<URI>> projectors) {
        // as InternalApiClients calls: Apache HttpClient, never retrying by itself
        return new EventWriteThrough(
                projectors,
                url -> RestClient.builder()
                        .baseUrl(url.toString())
                        .requestFactory(new HttpComponentsClientHttpRequestFactory(
                                HttpClients.custom().disableAutomaticRetries().build()))
                        .build(),
                meters);
    }

    private double count(String outcome) {
        return meters.find(EventWriteThrough.METER).tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** A projecting service's {@code /internal/events}: records each call, answers {@code status}. */
    static final class Projector {

        final List<String> received = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Projector(int status) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/internal/events", exchange -> {
                try (exchange) {
                    received.add(exchange.getRequestURI().getPath() + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(status, -1);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }
    }
}
