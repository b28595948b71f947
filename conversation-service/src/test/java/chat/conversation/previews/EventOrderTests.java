package chat.conversation.previews;

import static chat.conversation.previews.EventOrder.Action.APPLY;
import static chat.conversation.previews.EventOrder.Action.APPLY_IF_NEW;
import static chat.conversation.previews.EventOrder.Action.FILL_GAP;
import static chat.conversation.previews.EventOrder.Action.SKIP;
import static chat.conversation.previews.EventOrder.Delivery.KAFKA;
import static chat.conversation.previews.EventOrder.Delivery.PUSHED;
import static org.assertj.core.api.Assertions.assertThat;

import chat.conversation.previews.EventOrder.Decision;
import org.junit.jupiter.api.Test;

class EventOrderTests {

    @Test
    void appliesTheNextSeqWhicheverWayItArrives() {
        assertThat(EventOrder.decide(4L, 5, PUSHED)).isEqualTo(new Decision(APPLY, 5L));
        assertThat(EventOrder.decide(4L, 5, KAFKA)).isEqualTo(new Decision(APPLY, 5L));
        assertThat(EventOrder.decide(0L, 1, PUSHED)).isEqualTo(new Decision(APPLY, 1L));
    }

    @Test
    void skipsAnEventAlreadyAppliedOrOvertaken() {
        assertThat(EventOrder.decide(5L, 5, KAFKA)).isEqualTo(new Decision(SKIP, 5L));
        assertThat(EventOrder.decide(5L, 3, KAFKA)).isEqualTo(new Decision(SKIP, 5L));
        assertThat(EventOrder.decide(5L, 5, PUSHED)).isEqualTo(new Decision(SKIP, 5L));
    }

    @Test
    void fillsTheGapBeforeAPushedEventThatOvertookOthers() {
        assertThat(EventOrder.decide(4L, 7, PUSHED)).isEqualTo(new Decision(FILL_GAP, 4L));
        assertThat(EventOrder.decide(0L, 2, PUSHED)).isEqualTo(new Decision(FILL_GAP, 0L));
    }

    @Test
    void goesOnPastASeqTheTopicSkippedRatherThanStopForGood() {
        assertThat(EventOrder.decide(4L, 7, KAFKA)).isEqualTo(new Decision(APPLY, 7L));
    }

    @Test
    void fallsBackToEventIdsWhileTheSeqIsUnknownAndLearnsItFromKafkaOnly() {
        assertThat(EventOrder.decide(null, 9, PUSHED)).isEqualTo(new Decision(APPLY_IF_NEW, null));
        assertThat(EventOrder.decide(null, 9, KAFKA)).isEqualTo(new Decision(APPLY_IF_NEW, 9L));
    }
}
