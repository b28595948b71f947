package chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketMetricsTests {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMetrics metrics = new SocketMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timesAnEventFromItsCreationToItsWrite() {
        metrics.delivered(SocketMetrics.Stream.CONVERSATION, NOW.minusMillis(35).toEpochMilli());
        assertThat(registry.get("chat.delivery.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("chat.delivery.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(35);
    }

    @Test
    void countsEventsWithoutACreationTimeButDoesNotTimeThem() {
        metrics.delivered(SocketMetrics.Stream.USER, 0);
        assertThat(registry.get("chat.events.delivered")
                        .tag("stream", "user")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("chat.events.delivered")
                        .tag("stream", "conversation")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("chat.delivery.latency").timer().count()).isZero();
    }

    @Test
    void aCreationTimeAheadOfThisClockCountsAsNoDelayRatherThanANegativeOne() {
        metrics.delivered(SocketMetrics.Stream.CONVERSATION, NOW.plusMillis(3).toEpochMilli());
        assertThat(registry.get("chat.delivery.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isZero();
    }
}
