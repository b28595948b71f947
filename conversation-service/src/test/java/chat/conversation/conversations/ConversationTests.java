package chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConversationTests {

    static final Instant CREATED = Instant.parse("2026-11-29T09:00:00Z");
    static final Instant FIRST_SENT = CREATED.plusSeconds(60);
    static final Instant SECOND_SENT = CREATED.plusSeconds(120);

    final Conversation conversation = new Conversation(1, Pair.of(3, 8), CREATED, 0L);

    @Test
    void aNewConversationShowsNoMessageAndIsActiveSinceItsCreation() {
        assertThat(conversation.lastMessageId()).isEmpty();
        assertThat(conversation.lastMessage()).isEmpty();
        assertThat(conversation.lastActivityAt()).isEqualTo(CREATED);
    }

    @Test
    void itsParticipantsAreThePairLowestFirst() {
        assertThat(new Conversation(1, Pair.of(8, 3), CREATED, 0L).participants())
                .containsExactly(3L, 8L);
    }

    @Test
    void theParticipantsAndStaffSeeItNobodyElse() {
        assertThat(conversation.isVisibleTo(3, false)).isTrue();
        assertThat(conversation.isVisibleTo(8, false)).isTrue();
        assertThat(conversation.isVisibleTo(5, false)).isFalse();
        assertThat(conversation.isVisibleTo(5, true)).isTrue();
    }

    @Test
    void aSentMessageBecomesTheLastMessageAndMovesTheActivityToItsTime() {
        assertThat(conversation.messageSent(10, snapshot(10, "hi", false), FIRST_SENT))
                .isTrue();
        assertThat(conversation.lastMessageId()).contains(10L);
        assertThat(conversation.lastMessage()).contains(snapshot(10, "hi", false));
        assertThat(conversation.lastActivityAt()).isEqualTo(FIRST_SENT);
    }

    @Test
    void aLaterMessageReplacesTheOneShown() {
        conversation.messageSent(10, snapshot(10, "first", false), FIRST_SENT);
        conversation.messageSent(11, snapshot(11, "second", false), SECOND_SENT);
        assertThat(conversation.lastMessageId()).contains(11L);
        assertThat(conversation.lastActivityAt()).isEqualTo(SECOND_SENT);
    }

    @Test
    void anEarlierMessageArrivingLateNeverTakesThePreviewBack() {
        conversation.messageSent(11, snapshot(11, "second", false), SECOND_SENT);
        assertThat(conversation.messageSent(10, snapshot(10, "first", false), FIRST_SENT))
                .isFalse();
        assertThat(conversation.lastMessageId()).contains(11L);
        assertThat(conversation.lastMessage()).contains(snapshot(11, "second", false));
        assertThat(conversation.lastActivityAt()).isEqualTo(SECOND_SENT);
    }

    @Test
    void theSameMessageSentTwiceChangesNothingTheSecondTime() {
        conversation.messageSent(10, snapshot(10, "hi", false), FIRST_SENT);
        conversation.messageChanged(10, snapshot(10, "edited", false));
        assertThat(conversation.messageSent(10, snapshot(10, "hi", false), FIRST_SENT))
                .isFalse();
        assertThat(conversation.lastMessage()).contains(snapshot(10, "edited", false));
    }

    @Test
    void anEditOfTheShownMessageShowsButKeepsItsActivityTime() {
        conversation.messageSent(10, snapshot(10, "hi", false), FIRST_SENT);
        assertThat(conversation.messageChanged(10, snapshot(10, "hello", false)))
                .isTrue();
        assertThat(conversation.lastMessage()).contains(snapshot(10, "hello", false));
        assertThat(conversation.lastActivityAt()).isEqualTo(FIRST_SENT);
    }

    @Test
    void aChangeToAnEarlierMessageShowsNowhere() {
        conversation.messageSent(11, snapshot(11, "second", false), SECOND_SENT);
        assertThat(conversation.messageChanged(10, snapshot(10, "edited", false)))
                .isFalse();
        assertThat(conversation.lastMessageId()).contains(11L);
        assertThat(conversation.lastMessage()).contains(snapshot(11, "second", false));
    }

    @Test
    void aChangeBeforeAnyMessageIsShownShowsNothing() {
        assertThat(conversation.messageChanged(10, snapshot(10, "edited", false)))
                .isFalse();
        assertThat(conversation.lastMessage()).isEmpty();
    }

    @Test
    void thePreviewFollowsTheReadStateOfTheMessageItShows() {
        conversation.messageSent(10, snapshot(10, "hi", false), FIRST_SENT);
        conversation.shownMessageRead();
        assertThat(JsonMapper.shared()
                        .readTree(conversation.lastMessage().orElseThrow())
                        .path("is_read")
                        .asBoolean())
                .isTrue();
        assertThat(JsonMapper.shared()
                        .readTree(conversation.lastMessage().orElseThrow())
                        .path("content")
                        .asString())
                .isEqualTo("hi");
    }

    @Test
    void aPreviewAlreadyReadIsLeftAsItIs() {
        conversation.messageSent(10, snapshot(10, "hi", true), FIRST_SENT);
        conversation.shownMessageRead();
        assertThat(conversation.lastMessage()).contains(snapshot(10, "hi", true));
    }

    @Test
    void readingWithNoMessageShownChangesNothing() {
        conversation.shownMessageRead();
        assertThat(conversation.lastMessage()).isEmpty();
    }

    @Test
    void remembersUpToWhichSeqItsEventsAreApplied() {
        assertThat(conversation.appliedSeq()).isZero();
        conversation.eventsAppliedUpTo(4);
        assertThat(conversation.appliedSeq()).isEqualTo(4);
        assertThat(new Conversation(2, Pair.of(1, 2), CREATED, null).appliedSeq())
                .isNull();
    }

    private static String snapshot(long id, String content, boolean read) {
        return "{\"id\":" + id + ",\"conversation\":1,\"sender\":3,\"content\":\"" + content
                + "\",\"timestamp\":\"2026-11-29T09:01:00Z\",\"is_read\":" + read
                + ",\"is_edited\":false,\"is_deleted\":false}";
    }
}
