package chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.testsupport.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;

/**
 * Slow consumers: a socket whose client stops reading is closed and counted, without holding up
 * its caller; time is a clock the test moves.
 */
class OutboundTests {

    private static final String EVENT = "x".repeat(60);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SocketMetrics metrics = new SocketMetrics(registry, clock);
    private final TestSession session = TestSession.stuck();

    @AfterEach
    void release() {
        session.release.countDown();
    }

    private Outbound outbound(Duration sendTimeLimit) {
        RealtimeSettings settings = new RealtimeSettings(
                sendTimeLimit, DataSize.ofBytes(100), Duration.ofSeconds(25), DataSize.ofKilobytes(64));
        return new Outbound(session, SocketMetrics.Stream.CONVERSATION, settings, metrics, clock);
    }

    private double closedSlow() {
        return registry.get("chat.sockets.closed.slow").counter().count();
    }

    @Test
    void closesASocketWhoseQueueOutgrowsTheBufferAndCountsIt() throws Exception {
        Outbound out = outbound(Duration.ofSeconds(5));
        out.sendEvent(EVENT, 1); // being written, stuck
        assertThat(session.writing.await(5, TimeUnit.SECONDS)).isTrue();
        out.sendEvent(EVENT, 1); // queued: 60 of 100 bytes
        assertThat(closedSlow()).isZero();
        out.sendEvent(EVENT, 1); // 120 bytes would queue
        assertThat(closedSlow()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.closedWith != null);
        assertThat(session.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
    }

    @Test
    void closesASocketWhoseWriteTookLongerThanTheTimeLimitAtTheNextSend() throws Exception {
        Outbound out = outbound(Duration.ofMillis(50));
        out.sendEvent(EVENT, 1);
        assertThat(session.writing.await(5, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(50));
        out.sendText("{}");
        assertThat(closedSlow()).as("a write as long as the limit is within it").isZero();
        clock.advance(Duration.ofMillis(1));
        out.sendText("{}");
        assertThat(closedSlow()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.closedWith != null);
    }

    @Test
    void sendsNothingMoreOnceClosed() throws Exception {
        Outbound out = outbound(Duration.ofSeconds(5));
        out.sendEvent(EVENT, 1);
        assertThat(session.writing.await(5, TimeUnit.SECONDS)).isTrue();
        out.sendEvent(EVENT, 1);
        out.sendEvent(EVENT, 1); // over the buffer: closed, the queue dropped
        session.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.closedWith != null);
        Thread.sleep(100);
        assertThat(session.sent).as("only the write already under way").hasSize(1);
    }

    @Test
    void isSilentOnlyWhenNothingWasHeardForTheWholeSpan() {
        Outbound out = outbound(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(75));
        assertThat(out.silentFor(Duration.ofSeconds(75))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(out.silentFor(Duration.ofSeconds(75))).isTrue();
        out.heard();
        assertThat(out.silentFor(Duration.ofSeconds(75))).isFalse();
    }

    @Test
    void countsWhatItWroteAndNotThePings() {
        session.release.countDown();
        Outbound out = outbound(Duration.ofSeconds(5));
        out.ping();
        out.sendEvent(EVENT, clock.millis() - 20);
        out.sendText("{\"type\":\"typing\"}");
        out.sendReply("{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> session.sent.size() == 4);
        assertThat(registry.get("chat.events.delivered")
                        .tag("stream", "conversation")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("chat.delivery.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("chat.delivery.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(20);
        assertThat(closedSlow()).isZero();
    }
}
