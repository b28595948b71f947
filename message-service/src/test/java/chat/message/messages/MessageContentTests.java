package chat.message.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import org.junit.jupiter.api.Test;

class MessageContentTests {

    @Test
    void keepsTheTextExactlyAsSent() {
        String text = "  سلام دوست من! 👋🏽\n";

        assertThat(MessageContent.of(text).text()).isEqualTo(text);
    }

    @Test
    void requiresText() {
        assertThatThrownBy(() -> MessageContent.of(null))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).errors()).containsKey(MessageContent.FIELD))
                .hasMessageContaining("required");
    }

    @Test
    void refusesBlankText() {
        assertThatThrownBy(() -> MessageContent.of("")).hasMessageContaining("blank");
        assertThatThrownBy(() -> MessageContent.of(" \t\n ")).hasMessageContaining("blank");
    }

    @Test
    void takesFourThousandCharactersCountingAnEmojiOnce() {
        assertThat(MessageContent.of("😀".repeat(MessageContent.MAX_LENGTH)).text())
                .hasSize(2 * MessageContent.MAX_LENGTH);
        assertThat(MessageContent.of("a".repeat(MessageContent.MAX_LENGTH)).text())
                .hasSize(MessageContent.MAX_LENGTH);
    }

    @Test
    void refusesOneCharacterMore() {
        assertThatThrownBy(() -> MessageContent.of("😀".repeat(MessageContent.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("no more than 4000 characters");
        assertThatThrownBy(() -> MessageContent.of("a".repeat(MessageContent.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void refusesTheNulCharacterWhichPostgresqlTextCannotHold() {
        assertThatThrownBy(() -> MessageContent.of("nul\0byte"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("Null characters");
    }
}
