package chat.realtime.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What realtime-service shows operators besides its open sockets (gauges of {@link Sockets}):
 * events written to sockets ({@code chat.events.delivered}, by stream), sockets closed because
 * their client did not keep up ({@code chat.sockets.closed.slow}), and how long an event took
 * from its creation in the writing service to its write on a socket ({@code chat.delivery.latency},
 * a histogram; clocks of different hosts, so a few milliseconds of skew are part of it).
 */
@Component
class SocketMetrics {

    /** Which kind of socket: a conversation's own, or a user's stream ({@code /ws/chat/}). */
    enum Stream {
        CONVERSATION,
        USER;

        String tag() {
            return this == CONVERSATION ? "conversation" : "user";
        }
    }

    private final Counter deliveredToConversations;
    private final Counter deliveredToStreams;
    private final Counter closedSlow;
    private final Timer latency;
    private final Clock clock;

    @Autowired
    SocketMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    SocketMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.deliveredToConversations = delivered(registry, Stream.CONVERSATION);
        this.deliveredToStreams = delivered(registry, Stream.USER);
        this.closedSlow = Counter.builder("chat.sockets.closed.slow")
                .description("Sockets closed because their client did not take events fast enough")
                .register(registry);
        this.latency = Timer.builder("chat.delivery.latency")
                .description("From an event's creation in the writing service to its write on a socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static Counter delivered(MeterRegistry registry, Stream stream) {
        return Counter.builder("chat.events.delivered")
                .description("Events written to sockets")
                .tag("stream", stream.tag())
                .register(registry);
    }

    /**
     * One event written to a socket; {@code createdAtMillis} is when the writing service created
     * it (epoch milliseconds), 0 for events that have no such moment (typing, resync).
     */
    void delivered(Stream stream, long createdAtMillis) {
        (stream == Stream.CONVERSATION ? deliveredToConversations : deliveredToStreams).increment();
        if (createdAtMillis > 0) {
            latency.record(Duration.ofMillis(Math.max(0, clock.millis() - createdAtMillis)));
        }
    }

    void closedSlow() {
        closedSlow.increment();
    }
}
