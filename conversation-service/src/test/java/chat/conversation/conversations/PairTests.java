package chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PairTests {

    @Test
    void aPairIsTheSameWhicheverUserStartsIt() {
        assertThat(Pair.of(3, 8)).isEqualTo(Pair.of(8, 3));
        assertThat(Pair.of(8, 3)).isEqualTo(new Pair(3, 8));
    }

    @Test
    void aPairIsStoredLowestIdFirst() {
        Pair pair = Pair.of(42, 7);
        assertThat(pair.low()).isEqualTo(7);
        assertThat(pair.high()).isEqualTo(42);
    }

    @Test
    void nobodyStartsAConversationWithThemselves() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pair.of(5, 5));
    }

    @Test
    void anUnorderedPairIsNeverMade() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pair(8, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new Pair(3, 3));
    }
}
