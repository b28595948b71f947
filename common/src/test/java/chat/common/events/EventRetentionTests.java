package chat.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventRetentionTests {

    @Test
    void keepsKeysForTheirOwnRetentionWhenItIsTheLonger() {
        assertThat(EventRetention.keyRetention(Duration.ofDays(7), Duration.ofDays(14)))
                .isEqualTo(Duration.ofDays(14));
    }

    @Test
    void keepsKeysAtLeastAsLongAsTheReplayWindow() {
        // a client resuming from a 30-day replay and retrying a send must still be recognised
        assertThat(EventRetention.keyRetention(Duration.ofDays(30), Duration.ofDays(14)))
                .isEqualTo(Duration.ofDays(30));
    }
}
