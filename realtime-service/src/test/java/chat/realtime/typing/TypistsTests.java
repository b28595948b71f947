package chat.realtime.typing;

import static org.assertj.core.api.Assertions.assertThat;

import chat.realtime.typing.Typists.Typist;
import chat.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Is typing" (spec A.5.3): renewals at most every 2 s, an unrenewed one ends after 6 s. */
class TypistsTests {

    private static final Typist ALICE_IN_12 = new Typist(12, 7);
    private static final Typist BOB_IN_12 = new Typist(12, 8);
    private static final Typist ALICE_IN_13 = new Typist(13, 7);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final Typists typists = new Typists(clock);

    @Test
    void publishesATypingTrueAtMostOnceEveryTwoSeconds() {
        assertThat(typists.publishes(ALICE_IN_12, true)).isTrue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(typists.publishes(ALICE_IN_12, true)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(typists.publishes(ALICE_IN_12, true)).isTrue();
        assertThat(typists.publishes(ALICE_IN_12, true)).isFalse();
    }

    @Test
    void throttlesEachUserInEachConversationApart() {
        typists.publishes(ALICE_IN_12, true);
        assertThat(typists.publishes(BOB_IN_12, true)).isTrue();
        assertThat(typists.publishes(ALICE_IN_13, true)).isTrue();
    }

    @Test
    void alwaysPublishesTypingFalseAndLetsTheNextTruePass() {
        typists.publishes(ALICE_IN_12, true);
        assertThat(typists.publishes(ALICE_IN_12, false)).isTrue();
        assertThat(typists.publishes(ALICE_IN_12, false)).isTrue();
        assertThat(typists.publishes(ALICE_IN_12, true))
                .as("typing again at once")
                .isTrue();
    }

    @Test
    void endsATypingTrueNotRenewedWithinSixSeconds() {
        typists.heard(ALICE_IN_12, true);
        clock.advance(Duration.ofMillis(5999));
        assertThat(typists.expired()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(typists.expired()).containsExactly(ALICE_IN_12);
        assertThat(typists.expired()).as("ended once").isEmpty();
    }

    @Test
    void aRenewalPutsTheEndOff() {
        typists.heard(ALICE_IN_12, true);
        clock.advance(Duration.ofSeconds(5));
        typists.heard(ALICE_IN_12, true);
        clock.advance(Duration.ofSeconds(5));
        assertThat(typists.expired()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(typists.expired()).containsExactly(ALICE_IN_12);
    }

    @Test
    void aTypingFalseNeedsNoEnd() {
        typists.heard(ALICE_IN_12, true);
        typists.heard(ALICE_IN_12, false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(typists.expired()).isEmpty();
    }
}
