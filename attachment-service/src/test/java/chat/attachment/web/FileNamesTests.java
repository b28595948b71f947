package chat.attachment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"a.png", "عکس.jpg", "😀 holiday.mp4", "../../evil name\".png", "", "a b.PNG"})
    void keepsAnyNameWithoutControlCharactersAsItIs(String name) {
        assertThat(FileNames.checked(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000.png",
                "a.png\u0000.html",
                "\u0001.png",
                "a\tb.png",
                "a\r\n.png",
                "a\u001f.png",
                "a\u007f.png"
            })
    void refusesANameWithAControlCharacter(String name) {
        assertThatThrownBy(() -> FileNames.checked(name))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("'file': The file name must not contain control characters.");
    }
}
