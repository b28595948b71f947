package chat.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.users.UserProfile;
import chat.conversation.previews.PreviewAttachments.Attachment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MessagePreviewTests {

    static final Attachment PHOTO =
            new Attachment(5, 10, "https://files.example/m/10/a", Instant.parse("2026-11-29T09:02:00Z"));

    @Test
    void showsTheMessageAsItsEventDescribedItWithItsSenderAndFiles() {
        MessagePreview preview = MessagePreview.of(snapshot(false), UserProfile::unknown, Map.of(10L, List.of(PHOTO)));
        assertThat(preview.id()).isEqualTo(10);
        assertThat(preview.conversation()).isEqualTo(1);
        assertThat(preview.sender().id()).isEqualTo(3);
        assertThat(preview.content()).isEqualTo("hi there");
        assertThat(preview.timestamp()).isEqualTo("2026-11-29T09:01:00Z");
        assertThat(preview.read()).isTrue();
        assertThat(preview.edited()).isTrue();
        assertThat(preview.deleted()).isFalse();
        assertThat(preview.attachments()).containsExactly(PHOTO);
    }

    @Test
    void aDeletedMessageShowsNeitherItsContentNorItsFiles() {
        MessagePreview preview = MessagePreview.of(snapshot(true), UserProfile::unknown, Map.of(10L, List.of(PHOTO)));
        assertThat(preview.deleted()).isTrue();
        assertThat(preview.content()).isEmpty();
        assertThat(preview.attachments()).isEmpty();
    }

    @Test
    void filesOfOtherMessagesAreNotShown() {
        MessagePreview preview = MessagePreview.of(snapshot(false), UserProfile::unknown, Map.of(11L, List.of(PHOTO)));
        assertThat(preview.attachments()).isEmpty();
    }

    private static JsonNode snapshot(boolean deleted) {
        return JsonMapper.shared().readTree("""
                {"id": 10, "conversation": 1, "sender": 3, "content": "hi there",
                 "timestamp": "2026-11-29T09:01:00Z", "is_read": true, "is_edited": true,
                 "is_deleted": %s}""".formatted(deleted));
    }
}
