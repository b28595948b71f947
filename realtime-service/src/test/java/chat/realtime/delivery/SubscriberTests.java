package chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.testsupport.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * One socket's share of a conversation (spec B.15): events in {@code seq} order, each once, and a
 * resuming socket's replay joined to the live events without a gap or a repeat.
 */
class SubscriberTests {

    private static final String RESYNC = "{\"type\":\"resync_required\"}";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestSession session = TestSession.reading("alice");
    private final Outbound out = new Outbound(
            session,
            SocketMetrics.Stream.CONVERSATION,
            new RealtimeSettings(
                    Duration.ofSeconds(5), DataSize.ofKilobytes(512), Duration.ofSeconds(25), DataSize.ofKilobytes(64)),
            new SocketMetrics(registry, clock),
            clock);

    private static ServerEvent event(long seq) {
        return new ServerEvent(12, seq, "seq " + seq, 1, List.of());
    }

    private List<String> written(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() >= count);
        return session.texts();
    }

    @Test
    void sendsLiveEventsAndDropsOnesNotNewerThanTheLastSent() throws Exception {
        Subscriber live = new Subscriber(out, 1, 0, false);
        live.offer(event(1));
        live.offer(event(2));
        live.offer(event(2));
        live.offer(event(1));
        live.offer(event(3));
        assertThat(written(3)).containsExactly("seq 1", "seq 2", "seq 3");
        Thread.sleep(100);
        assertThat(session.texts()).hasSize(3);
    }

    @Test
    void aResumingSocketSendsNothingBeforeItsSinceSeq() {
        Subscriber resumed = new Subscriber(out, 1, 5, false);
        resumed.offer(event(4));
        resumed.offer(event(5));
        resumed.offer(event(6));
        assertThat(written(1)).containsExactly("seq 6");
    }

    @Test
    void holdsLiveEventsDuringTheReplayThenSendsWhatIsNewerInOrder() {
        Subscriber resuming = new Subscriber(out, 1, 5, true);
        resuming.offer(event(9));
        resuming.offer(event(7));
        resuming.offer(event(8));
        assertThat(session.texts()).as("held while catching up").isEmpty();

        resuming.caughtUp(List.of(event(6), event(7)));
        resuming.offer(event(10));

        assertThat(written(5)).containsExactly("seq 6", "seq 7", "seq 8", "seq 9", "seq 10");
    }

    @Test
    void saysResyncRequiredFirstThenSendsTheHeldEvents() {
        Subscriber resuming = new Subscriber(out, 1, 5, true);
        resuming.offer(event(8));
        resuming.offer(event(7));

        resuming.resyncRequired(RESYNC);

        assertThat(written(3)).containsExactly(RESYNC, "seq 7", "seq 8");
    }

    @Test
    void dropsTypingWhileCatchingUpAndSendsItOnceLive() {
        Subscriber resuming = new Subscriber(out, 1, 0, true);
        resuming.offerEphemeral("typing, dropped");
        resuming.caughtUp(List.of());
        resuming.offerEphemeral("typing, sent");
        assertThat(written(1)).containsExactly("typing, sent");
    }

    @Test
    void timesLiveEventsButNotReplayedOnes() {
        Subscriber resuming = new Subscriber(out, 1, 0, true);
        resuming.offer(new ServerEvent(12, 2, "live", clock.millis() - 30, List.of()));
        resuming.caughtUp(List.of(new ServerEvent(12, 1, "replayed", clock.millis() - 60_000, List.of())));
        written(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.get("chat.events.delivered")
                                .tag("stream", "conversation")
                                .counter()
                                .count()
                        == 2);
        assertThat(registry.get("chat.delivery.latency").timer().count()).isEqualTo(1);
    }
}
