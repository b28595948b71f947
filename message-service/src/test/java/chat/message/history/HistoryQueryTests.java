package chat.message.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import chat.common.web.Paging;
import chat.message.history.MessageHistory.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a history request's page or id cursor is read (spec B.8). */
class HistoryQueryTests {

    @Test
    void pagesByNumberWhenNoCursorIsGiven() {
        Query query = Query.of("3", "10", null, null);

        assertThat(query.byCursor()).isFalse();
        assertThat(query.paging()).isEqualTo(new Paging(3, 10));
        assertThat(query.before()).isNull();
        assertThat(query.after()).isNull();
    }

    @Test
    void pagesByIdBeforeOrAfterAMessageWithThePageSize() {
        Query older = Query.of(null, "5", "42", null);
        Query newer = Query.of(null, null, null, "42");

        assertThat(older.byCursor()).isTrue();
        assertThat(older.before()).isEqualTo(42);
        assertThat(older.size()).isEqualTo(5);
        assertThat(newer.byCursor()).isTrue();
        assertThat(newer.after()).isEqualTo(42);
        assertThat(newer.size()).isEqualTo(Paging.DEFAULT_SIZE);
    }

    @Test
    void aCursorLeavesThePageNumberOutEvenOnePastTheEnd() {
        Query query = Query.of("999999", "200", "42", null);

        assertThat(query.paging()).isEqualTo(new Paging(1, Paging.MAX_SIZE));
    }

    @Test
    void readsACursorWithSpacesAroundItAndZeroAsTheStart() {
        assertThat(Query.of(null, null, " 42 ", null).before()).isEqualTo(42);
        assertThat(Query.of(null, null, null, "0").after()).isZero();
    }

    @Test
    void refusesBothCursorsAtOnce() {
        assertThatThrownBy(() -> Query.of(null, null, "5", "9"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("either before or after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "", "99999999999999999999"})
    void refusesACursorThatIsNotAMessageIdNamingIt(String cursor) {
        assertThatThrownBy(() -> Query.of(null, null, cursor, null))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).errors()).containsOnlyKeys("before"));
        assertThatThrownBy(() -> Query.of(null, null, null, cursor))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).errors()).containsOnlyKeys("after"));
    }
}
