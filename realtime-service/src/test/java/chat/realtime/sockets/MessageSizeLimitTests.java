package chat.realtime.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class MessageSizeLimitTests {

    final MessageSizeLimit limit = MessageSizeLimit.of(DataSize.ofKilobytes(64));

    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "\uD83D\uDE00", "سلام", "a\uD83D\uDE00é€"})
    void countsTheBytesOfUtf8(String text) {
        assertThat(MessageSizeLimit.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void countsALoneSurrogateAsTheThreeBytesThatReplaceIt() {
        assertThat(MessageSizeLimit.utf8Length("\uD83D")).isEqualTo(3);
        assertThat(MessageSizeLimit.utf8Length("\uDE00a")).isEqualTo(4);
    }

    @Test
    void admitsExactlyTheLimitAndNotOneByteMore() {
        assertThat(limit.admits("a".repeat(65536))).isTrue();
        assertThat(limit.admits("a".repeat(65537))).isFalse();
        assertThat(limit.admits("é".repeat(32768))).isTrue();
        assertThat(limit.admits("é".repeat(32768) + "a")).isFalse();
        assertThat(limit.admits("\uD83D\uDE00".repeat(16384))).isTrue();
        assertThat(limit.admits("\uD83D\uDE00".repeat(16384) + "a")).isFalse();
    }

    @Test
    void measuresBytesNotCharacters() {
        String threeBytesEach = "€".repeat(30_000);
        assertThat(threeBytesEach.length()).isLessThan(65536);
        assertThat(limit.admits(threeBytesEach)).isFalse();
    }

    @Test
    void admitsAChatMessageAtTheContentLimitInEveryEscaping() {
        String emoji = "\uD83D\uDE00".repeat(4000);
        String escapedEmoji = "\\ud83d\\ude00".repeat(4000);
        String escapedLetters = "\\u00e9".repeat(4000);
        for (String content : new String[] {emoji, escapedEmoji, escapedLetters}) {
            assertThat(limit.admits("{\"type\": \"chat_message\", \"content\": \"" + content + "\"}"))
                    .isTrue();
        }
    }
}
