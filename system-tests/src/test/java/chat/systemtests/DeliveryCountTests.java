package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.DeliveryCount.Received;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the counting method, on hand-made sequences. */
class DeliveryCountTests {

    @Test
    void everyAcknowledgedMessageOnceInOrderIsExact() {
        DeliveryCount count = DeliveryCount.of(
                List.of(10L, 11L, 12L), List.of(new Received(10, 2), new Received(11, 3), new Received(12, 4)));
        assertThat(count).isEqualTo(new DeliveryCount(3, 3, 0, 0, 0, 0));
        assertThat(count.exact()).isTrue();
    }

    @Test
    void countsWhatNeverArrived() {
        DeliveryCount count =
                DeliveryCount.of(List.of(10L, 11L, 12L, 13L), List.of(new Received(10, 2), new Received(13, 5)));
        assertThat(count.lost()).isEqualTo(2);
        assertThat(count.exact()).isFalse();
    }

    @Test
    void countsEachRepeatOnceAndNotAlsoAsOutOfOrder() {
        DeliveryCount count = DeliveryCount.of(
                List.of(10L, 11L),
                List.of(new Received(10, 2), new Received(11, 3), new Received(10, 2), new Received(10, 2)));
        assertThat(count.duplicated()).isEqualTo(2);
        assertThat(count.outOfOrder()).isZero();
        assertThat(count.received()).isEqualTo(4);
        assertThat(count.exact()).isFalse();
    }

    @Test
    void countsMessagesThatArriveBehindAHigherSeq() {
        // 4 and 3 arrive after 5: both out of order; 6 after them is in order again
        DeliveryCount count = DeliveryCount.of(
                List.of(1L, 2L, 3L, 4L, 5L),
                List.of(
                        new Received(1, 2),
                        new Received(4, 5),
                        new Received(2, 3),
                        new Received(3, 4),
                        new Received(5, 6)));
        assertThat(count.outOfOrder()).isEqualTo(2);
        assertThat(count.lost()).isZero();
        assertThat(count.duplicated()).isZero();
    }

    @Test
    void aDeliveredSendWhoseAnswerWasLostIsNeitherLostNorDuplicated() {
        DeliveryCount count = DeliveryCount.of(
                List.of(10L, 12L), List.of(new Received(10, 2), new Received(11, 3), new Received(12, 4)));
        assertThat(count.unacknowledged()).isEqualTo(1);
        assertThat(count.exact()).isTrue();
    }

    @Test
    void sendingTheSameAcknowledgementTwiceCountsItOnce() {
        DeliveryCount count = DeliveryCount.of(List.of(10L, 10L), List.of(new Received(10, 2)));
        assertThat(count.acknowledged()).isEqualTo(1);
        assertThat(count.exact()).isTrue();
    }
}
