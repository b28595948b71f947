package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzz cases themselves: reproducible from their seed, and printed so a reader sees every byte. */
class FuzzCasesTests {

    static final FuzzCases.Targets TARGETS = new FuzzCases.Targets(
            List.of(1L, 2L), List.of(10L, 11L), List.of(100L, 101L), List.of("token-a", "token-b"));

    @Test
    void aCaseIsTheSameBytesForTheSameSeedWhateverWasDrawnBefore() {
        FuzzCases first = new FuzzCases(42, TARGETS, 8080);
        FuzzCases second = new FuzzCases(42, TARGETS, 8080);
        second.request(7);
        second.frame(3);

        assertThat(second.request(5).bytes()).isEqualTo(first.request(5).bytes());
        assertThat(second.frame(5).text()).isEqualTo(first.frame(5).text());
        assertThat(new FuzzCases(43, TARGETS, 8080).request(5).bytes())
                .isNotEqualTo(first.request(5).bytes());
    }

    @Test
    void casesAreDifferentFromOneIndexToTheNext() {
        FuzzCases cases = new FuzzCases(42, TARGETS, 8080);
        long distinct = java.util.stream.LongStream.range(0, 200)
                .mapToObj(i -> new String(cases.request(i).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(190);
    }

    @Test
    void printsControlCharactersAndBytesOutsideAsciiEscaped() {
        byte[] bytes = {'G', 'E', 'T', ' ', 0, (byte) 0xC3, '\\', '\r', '\n'};
        assertThat(FuzzCases.printable(bytes, 100)).isEqualTo("GET \\x00\\xc3\\x5c\\r\\n\n");
        assertThat(FuzzCases.printable(new byte[] {'a', 'b', 'c'}, 2)).isEqualTo("ab... (3 bytes)");
    }

    @Test
    void escapesLoneSurrogatesSoThatEveryFrameIsValidUtf8() {
        assertThat(FuzzCases.wellFormed("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(FuzzCases.wellFormed("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
        assertThat(FuzzCases.wellFormed("x\udfff")).isEqualTo("x\\udfff");
        FuzzCases cases = new FuzzCases(42, TARGETS, 8080);
        for (long i = 0; i < 2000; i++) {
            String text = cases.frame(i).text();
            assertThat(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text))
                    .as("frame %d", i)
                    .isTrue();
        }
    }
}
