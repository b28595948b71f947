package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the allowances, on a clock the test moves. */
class RateLimiterTests {

    /** 5 sends per 10 s: one comes back every 2 s. */
    final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));

    final RateLimiter limiter = new RateLimiter(settings(5, 100), clock, Runnable::run);

    @Test
    void admitsABurstOfTheWholeLimitAtOnceCountingDown() {
        List<Integer> remaining = new ArrayList<>();
        List<Long> reset = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision decision = limiter.take(RateLimitBucket.SEND, "alice");
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.limit()).isEqualTo(5);
            remaining.add(decision.remaining());
            reset.add(decision.resetSeconds());
        }
        assertThat(remaining).containsExactly(4, 3, 2, 1, 0);
        // the whole allowance is back one interval per request taken
        assertThat(reset).containsExactly(2L, 4L, 6L, 8L, 10L);
    }

    @Test
    void refusesTheRequestAfterTheBurstAndSaysWhenTheNextOneIsAdmitted() {
        burst("alice", 5);

        RateLimiter.Decision refused = limiter.take(RateLimitBucket.SEND, "alice");

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
        assertThat(refused.resetSeconds()).isEqualTo(10);
    }

    @Test
    void givesOneRequestBackPerIntervalAndNotAMomentEarlier() {
        burst("alice", 5);

        clock.advance(Duration.ofMillis(1_999));
        RateLimiter.Decision early = limiter.take(RateLimitBucket.SEND, "alice");
        assertThat(early.admitted()).isFalse();
        assertThat(early.retryAfter()).isEqualTo(Duration.ofMillis(1));
        // rounded up: a client that waits the whole second it is told is admitted
        assertThat(early.retryAfterSeconds()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        RateLimiter.Decision onTime = limiter.take(RateLimitBucket.SEND, "alice");
        assertThat(onTime.admitted()).isTrue();
        assertThat(onTime.remaining()).isZero();
        assertThat(limiter.take(RateLimitBucket.SEND, "alice").admitted()).isFalse();
    }

    @Test
    void countsAPartlyRefilledRequestAsNotYetBack() {
        burst("alice", 5);
        clock.advance(Duration.ofSeconds(3));

        RateLimiter.Decision decision = limiter.take(RateLimitBucket.SEND, "alice");

        assertThat(decision.admitted()).isTrue();
        // one and a half requests refilled: one taken now, the half does not count
        assertThat(decision.remaining()).isZero();
        RateLimiter.Decision next = limiter.take(RateLimitBucket.SEND, "alice");
        assertThat(next.admitted()).isFalse();
        assertThat(next.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void isWholeAgainOneWindowAfterTheBurst() {
        burst("alice", 5);
        clock.advance(Duration.ofSeconds(10));

        assertThat(burst("alice", 5)).containsOnly(true);
        assertThat(limiter.take(RateLimitBucket.SEND, "alice").admitted()).isFalse();
    }

    @Test
    void refusedRequestsDoNotPostponeTheRefill() {
        burst("alice", 5);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(10));
            assertThat(limiter.take(RateLimitBucket.SEND, "alice").admitted()).isFalse();
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.take(RateLimitBucket.SEND, "alice").admitted()).isTrue();
    }

    @Test
    void keepsEachCallersBucketsApart() {
        burst("alice", 5);

        assertThat(limiter.take(RateLimitBucket.READ, "alice").admitted()).isTrue();
        assertThat(limiter.take(RateLimitBucket.UPLOAD, "alice").admitted()).isTrue();
        assertThat(limiter.take(RateLimitBucket.SEND, "bob").admitted()).isTrue();
        assertThat(limiter.take(RateLimitBucket.READ, "alice").limit()).isEqualTo(7);
        assertThat(limiter.take(RateLimitBucket.UPLOAD, "alice").limit()).isEqualTo(3);
    }

    @Test
    void keepsAtMostMaxKeysCallersHoweverManyCome() {
        RateLimiter bounded = new RateLimiter(settings(5, 3), clock, Runnable::run);
        for (int i = 0; i < 1_000; i++) {
            bounded.take(RateLimitBucket.READ, "address 198.51.100." + i);
        }

        assertThat(bounded.callersKept()).isLessThanOrEqualTo(3);
    }

    @Test
    void forgetsCallersUnseenForAWindowWhoseAllowanceIsWholeAgainAnyway() {
        burst("alice", 5);
        limiter.take(RateLimitBucket.READ, "bob");
        assertThat(limiter.callersKept()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(10));

        assertThat(limiter.callersKept()).isZero();
        assertThat(burst("alice", 5)).containsOnly(true);
    }

    @Test
    void takesAWindowTheLimitDoesNotDivideAsWholeIntervals() {
        // 7 per second: an interval of 142,857,142 ns, not quite a seventh
        RateLimiter sevenPerSecond =
                new RateLimiter(new RateLimitSettings(true, Duration.ofSeconds(1), 7, 7, 7, 100), clock, Runnable::run);
        for (int i = 0; i < 7; i++) {
            assertThat(sevenPerSecond.take(RateLimitBucket.SEND, "alice").admitted())
                    .isTrue();
        }
        assertThat(sevenPerSecond.take(RateLimitBucket.SEND, "alice").admitted())
                .isFalse();
        clock.advance(Duration.ofNanos(142_857_142));
        assertThat(sevenPerSecond.take(RateLimitBucket.SEND, "alice").admitted())
                .isTrue();
    }

    @Test
    void saysWhichLimitAndWhenToComeBack() {
        burst("alice", 5);
        RateLimiter.Decision refused = limiter.take(RateLimitBucket.SEND, "alice");

        assertThat(RateLimits.detail(RateLimitBucket.SEND, refused, Duration.ofSeconds(10)))
                .isEqualTo("Too many messages sent: at most 5 per 10 seconds. Try again in 2 seconds.");
        assertThat(RateLimits.detail(RateLimitBucket.READ, refused, Duration.ofMinutes(1)))
                .isEqualTo("Too many requests: at most 5 per minute. Try again in 2 seconds.");
    }

    private List<Boolean> burst(String caller, int requests) {
        List<Boolean> admitted = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            admitted.add(limiter.take(RateLimitBucket.SEND, caller).admitted());
        }
        return admitted;
    }

    private static RateLimitSettings settings(int sends, int maxKeys) {
        return new RateLimitSettings(true, Duration.ofSeconds(10), sends, 3, 7, maxKeys);
    }
}
