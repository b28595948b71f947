package chat.message.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTests {

    static final long CONVERSATION = 7;
    static final long SENDER = 1;
    static final long RECIPIENT = 2;
    static final long SOMEONE_ELSE = 3;
    static final Instant SENT = Instant.parse("2026-11-24T10:00:00Z");

    private static Message sent(String text) {
        return new Message(CONVERSATION, SENDER, RECIPIENT, MessageContent.of(text), SENT, null);
    }

    @Test
    void startsUnreadUneditedAndNotDeletedWithTheContentAsSent() {
        Message message = sent("  hello  ");

        assertThat(message.content()).isEqualTo("  hello  ");
        assertThat(message.conversationId()).isEqualTo(CONVERSATION);
        assertThat(message.senderId()).isEqualTo(SENDER);
        assertThat(message.recipientId()).isEqualTo(RECIPIENT);
        assertThat(message.createdAt()).isEqualTo(SENT);
        assertThat(message.isRead()).isFalse();
        assertThat(message.isEdited()).isFalse();
        assertThat(message.isDeleted()).isFalse();
    }

    @Test
    void letsItsSenderEditItAndMarksItEdited() {
        Message message = sent("first");

        assertThat(message.edit(SENDER, false, MessageContent.of("second"))).isTrue();

        assertThat(message.content()).isEqualTo("second");
        assertThat(message.isEdited()).isTrue();
    }

    @Test
    void letsStaffEditSomeoneElsesMessage() {
        Message message = sent("first");

        assertThat(message.edit(SOMEONE_ELSE, true, MessageContent.of("moderated")))
                .isTrue();

        assertThat(message.content()).isEqualTo("moderated");
    }

    @Test
    void rejectsEditingByTheRecipientOrAnyoneElseWhoIsNotStaff() {
        Message message = sent("first");

        assertThatThrownBy(() -> message.edit(RECIPIENT, false, MessageContent.of("mine now")))
                .isInstanceOf(NotMessageOwner.class);
        assertThatThrownBy(() -> message.edit(SOMEONE_ELSE, false, MessageContent.of("x")))
                .isInstanceOf(NotMessageOwner.class);
        assertThat(message.content()).isEqualTo("first");
        assertThat(message.isEdited()).isFalse();
    }

    @Test
    void anEditToTheSameContentChangesNothingAndIsNotAnnounced() {
        Message message = sent("same");

        assertThat(message.edit(SENDER, false, MessageContent.of("same"))).isFalse();

        assertThat(message.isEdited()).isFalse();
    }

    @Test
    void rejectsEditingADeletedMessage() {
        Message message = sent("first");
        message.delete(SENDER, false);

        assertThatThrownBy(() -> message.edit(SENDER, false, MessageContent.of("back")))
                .isInstanceOf(MessageDeleted.class);
        assertThatThrownBy(() -> message.edit(SOMEONE_ELSE, true, MessageContent.of("back")))
                .isInstanceOf(MessageDeleted.class);
        assertThat(message.content()).isEmpty();
    }

    @Test
    void softDeleteKeepsTheMessageButNotItsContent() {
        Message message = sent("secret");

        assertThat(message.delete(SENDER, false)).isTrue();

        assertThat(message.isDeleted()).isTrue();
        assertThat(message.content()).isEmpty();
        assertThat(message.conversationId()).isEqualTo(CONVERSATION);
    }

    @Test
    void deletingAgainChangesNothingAndIsNoError() {
        Message message = sent("secret");
        message.delete(SENDER, false);

        assertThat(message.delete(SENDER, false)).isFalse();
        assertThat(message.delete(SOMEONE_ELSE, true)).isFalse();
    }

    @Test
    void letsStaffButNotTheRecipientDeleteIt() {
        Message message = sent("secret");

        assertThatThrownBy(() -> message.delete(RECIPIENT, false)).isInstanceOf(NotMessageOwner.class);
        assertThat(message.isDeleted()).isFalse();
        assertThat(message.delete(SOMEONE_ELSE, true)).isTrue();
    }

    @Test
    void letsOnlyItsRecipientMarkItRead() {
        Message message = sent("read me");

        assertThatThrownBy(() -> message.markRead(SENDER, SENT)).isInstanceOf(NotMessageRecipient.class);
        assertThatThrownBy(() -> message.markRead(SOMEONE_ELSE, SENT)).isInstanceOf(NotMessageRecipient.class);
        assertThat(message.isRead()).isFalse();

        assertThat(message.markRead(RECIPIENT, SENT.plusSeconds(5))).isTrue();
        assertThat(message.isRead()).isTrue();
    }

    @Test
    void aReadMessageStaysReadAndMarkingItAgainIsNotAnnounced() {
        Message message = sent("read me");
        message.markRead(RECIPIENT, SENT.plusSeconds(5));

        assertThat(message.markRead(RECIPIENT, SENT.plusSeconds(60))).isFalse();
        assertThat(message.isRead()).isTrue();
    }

    @Test
    void isVisibleToItsParticipantsAndStaffOnly() {
        Message message = sent("hi");

        assertThat(message.isVisibleTo(SENDER, false)).isTrue();
        assertThat(message.isVisibleTo(RECIPIENT, false)).isTrue();
        assertThat(message.isVisibleTo(SOMEONE_ELSE, true)).isTrue();
        assertThat(message.isVisibleTo(SOMEONE_ELSE, false)).isFalse();
    }
}
