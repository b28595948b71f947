package chat.realtime.acting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-user allowance of client events (spec B.18), on a clock the test moves. */
class ClientEventLimitTests {

    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ClientEventLimit limit =
            new ClientEventLimit(new ClientEventSettings(10, Duration.ofSeconds(10)), clock);

    @Test
    void admitsTheWholeLimitInARowThenDropsTheNext() {
        assertThat(admitted(ALICE, 10)).isEqualTo(10);
        assertThat(limit.admits(ALICE)).isFalse();
        assertThat(limit.admits(ALICE)).isFalse();
    }

    @Test
    void refillsSteadilyAtTheLimitPerPeriod() {
        admitted(ALICE, 10);
        clock.advance(Duration.ofMillis(999));
        assertThat(limit.admits(ALICE)).as("not a whole event refilled yet").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limit.admits(ALICE)).isTrue();
        assertThat(limit.admits(ALICE)).isFalse();
        clock.advance(Duration.ofSeconds(3));
        assertThat(admitted(ALICE, 10)).isEqualTo(3);
    }

    @Test
    void neverHoldsMoreThanTheLimitHoweverLongTheUserWasQuiet() {
        limit.admits(ALICE);
        clock.advance(Duration.ofHours(5));
        assertThat(admitted(ALICE, 50)).isEqualTo(10);
    }

    @Test
    void keepsEveryUsersAllowanceApart() {
        admitted(ALICE, 10);
        assertThat(limit.admits(ALICE)).isFalse();
        assertThat(admitted(BOB, 10)).isEqualTo(10);
    }

    @Test
    void aClockThatStepsBackRefillsNothing() {
        admitted(ALICE, 10);
        clock.advance(Duration.ofSeconds(-30));
        assertThat(limit.admits(ALICE)).isFalse();
    }

    @Test
    void tellsTheClientTheLimit() {
        assertThat(limit.refusal()).isEqualTo("Too many events: at most 10 every 10 s; this one was dropped.");
    }

    @Test
    void refusesSettingsThatAdmitNothing() {
        assertThatThrownBy(() -> new ClientEventSettings(0, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientEventSettings(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private int admitted(long user, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            if (limit.admits(user)) {
                admitted++;
            }
        }
        return admitted;
    }
}
