package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import chat.attachment.messages.MessageFacts;
import chat.common.security.ChatCaller;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadTargetTests {

    static final long CONVERSATION = 7;
    static final long SENDER = 1;
    static final long RECIPIENT = 2;
    static final MessageFacts MESSAGE = new MessageFacts(40, CONVERSATION, SENDER, RECIPIENT, false);

    @Test
    void theSenderMayAttachToTheirMessage() {
        assertThat(AttachmentUpload.attachableBy(user(SENDER), CONVERSATION, Optional.of(MESSAGE)))
                .isEqualTo(MESSAGE);
    }

    @Test
    void staffMayAttachToAnyMessage() {
        assertThat(AttachmentUpload.attachableBy(staff(99), CONVERSATION, Optional.of(MESSAGE)))
                .isEqualTo(MESSAGE);
    }

    @Test
    void theOtherParticipantHearsTheMessageIsNotTheirs() {
        assertThatExceptionOfType(NotMessageSender.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(user(RECIPIENT), CONVERSATION, Optional.of(MESSAGE)));
    }

    @Test
    void anOutsiderLearnsNothingOfTheMessage() {
        assertThatExceptionOfType(MessageNotFound.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(user(3), CONVERSATION, Optional.of(MESSAGE)));
    }

    @Test
    void aMessageOfAnotherConversationIsNotFoundEvenForItsSender() {
        assertThatExceptionOfType(MessageNotFound.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(user(SENDER), CONVERSATION + 1, Optional.of(MESSAGE)));
        assertThatExceptionOfType(MessageNotFound.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(staff(99), CONVERSATION + 1, Optional.of(MESSAGE)));
    }

    @Test
    void anUnknownMessageIsNotFound() {
        assertThatExceptionOfType(MessageNotFound.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(staff(99), CONVERSATION, Optional.empty()));
    }

    @Test
    void nobodyAttachesToADeletedMessageNotEvenStaff() {
        MessageFacts deleted = new MessageFacts(40, CONVERSATION, SENDER, RECIPIENT, true);
        assertThatExceptionOfType(MessageIsDeleted.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(user(SENDER), CONVERSATION, Optional.of(deleted)));
        assertThatExceptionOfType(MessageIsDeleted.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(staff(99), CONVERSATION, Optional.of(deleted)));
    }

    @Test
    void theOtherParticipantIsToldItIsNotTheirsBeforeThatItIsDeleted() {
        MessageFacts deleted = new MessageFacts(40, CONVERSATION, SENDER, RECIPIENT, true);
        assertThatExceptionOfType(NotMessageSender.class)
                .isThrownBy(() -> AttachmentUpload.attachableBy(user(RECIPIENT), CONVERSATION, Optional.of(deleted)));
    }

    private static ChatCaller user(long id) {
        return new ChatCaller(id, false, null, null, null, null);
    }

    private static ChatCaller staff(long id) {
        return new ChatCaller(id, true, null, null, null, null);
    }
}
