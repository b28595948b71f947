package chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each event of a conversation is delivered by an instance once: a seq not newer is a redelivery. */
class DeliveredSeqsTests {

    private final DeliveredSeqs delivered = new DeliveredSeqs(1_000);

    @Test
    void takesEachNewerSeqOnce() {
        assertThat(delivered.advance(12, 1)).isTrue();
        assertThat(delivered.advance(12, 1)).isFalse();
        assertThat(delivered.advance(12, 2)).isTrue();
        assertThat(delivered.advance(12, 5)).as("a gap is no reason to wait").isTrue();
    }

    @Test
    void dropsAnOlderSeqAfterANewerOne() {
        delivered.advance(12, 5);
        assertThat(delivered.advance(12, 4)).isFalse();
        assertThat(delivered.advance(12, 5)).isFalse();
        assertThat(delivered.advance(12, 6)).isTrue();
    }

    @Test
    void keepsEachConversationsSequenceApart() {
        delivered.advance(12, 5);
        assertThat(delivered.advance(13, 1)).isTrue();
        assertThat(delivered.advance(12, 1)).isFalse();
    }
}
