package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageSlotsTests {

    @Test
    void aMessageHasRoomUntilItsAttachmentsAndPendingUploadsMakeTen() {
        assertThat(new MessageSlots(0, 0).haveRoom()).isTrue();
        assertThat(new MessageSlots(9, 0).haveRoom()).isTrue();
        assertThat(new MessageSlots(10, 0).haveRoom()).isFalse();
    }

    @Test
    void aPendingUploadTakesAPlaceLikeAStoredAttachment() {
        assertThat(new MessageSlots(5, 4).haveRoom()).isTrue();
        assertThat(new MessageSlots(5, 5).haveRoom()).isFalse();
        assertThat(new MessageSlots(0, 10).haveRoom()).isFalse();
    }

    @Test
    void aReapedUploadGivesItsPlaceBack() {
        MessageSlots withDeadUpload = new MessageSlots(9, 1);
        MessageSlots afterReaping = new MessageSlots(9, 0);
        assertThat(withDeadUpload.haveRoom()).isFalse();
        assertThat(afterReaping.haveRoom()).isTrue();
    }
}
