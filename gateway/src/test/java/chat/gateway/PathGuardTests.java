package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which raw paths the gateway forwards as they are: only those a service reads the same way. */
class PathGuardTests {

    @Test
    void keepsOrdinaryPathsAsTheyAre() {
        assertThat(PathGuard.normalized("/api/conversations/")).isEqualTo("/api/conversations/");
        assertThat(PathGuard.normalized("/api/messages/12/")).isEqualTo("/api/messages/12/");
        assertThat(PathGuard.normalized("/")).isEqualTo("/");
    }

    @Test
    void resolvesDotAndEmptySegmentsSoThatTheyDifferFromTheRawPath() {
        assertThat(PathGuard.normalized("/api/../internal/x")).isEqualTo("/internal/x");
        assertThat(PathGuard.normalized("/api//messages/")).isEqualTo("/api/messages/");
    }

    @Test
    void readsAPathStartingWithTwoSlashesAsAPathNotAHost() {
        assertThat(PathGuard.normalized("//")).isEqualTo("/");
        assertThat(PathGuard.normalized("//internal/x")).isEqualTo("/internal/x");
    }

    @Test
    void hasNoPathForWhatIsNoPath() {
        assertThat(PathGuard.normalized("/%zz")).isNull();
        assertThat(PathGuard.normalized("/a b")).isNull();
    }
}
