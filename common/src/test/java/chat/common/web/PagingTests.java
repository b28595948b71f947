package chat.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.server.ResponseStatusException;

class PagingTests {

    @Test
    void startsAtTheFirstPageOfTwenty() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(1, 20));
        assertThat(Paging.of(null, null).offset()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"2, 20, 20", "3, 100, 200", "21474837, 100, 2147483600", "2147483647, 1, 2147483646"})
    void computesTheOffsetWithoutOverflow(String page, String size, long offset) {
        assertThat(Paging.of(page, size).offset()).isEqualTo(offset);
    }

    @ParameterizedTest
    @CsvSource({"2000000000, 20", "2147483647, 100", "21474838, 100", "2147483647, 2"})
    void refusesAPageWhoseOffsetNoStoreCanTakeAsInvalid(String page, String size) {
        assertThatThrownBy(() -> Paging.of(page, size))
                .isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining(Paging.INVALID_PAGE);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "abc", "2147483648", "1.5"})
    void refusesAPageThatIsNoPositiveInteger(String page) {
        assertThatThrownBy(() -> Paging.of(page, null)).hasMessageContaining(Paging.INVALID_PAGE);
    }
}
