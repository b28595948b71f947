package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadSettingsTests {

    @Test
    void takesAnUploadForDeadOnlyWellAfterTheLongestUploadCouldHaveRun() {
        UploadSettings defaults =
                new UploadSettings(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(5));
        assertThat(defaults.deadAfter()).isGreaterThan(defaults.maxDuration().plus(UploadSettings.MARGIN));

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new UploadSettings(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .withMessageContaining("dead-after");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new UploadSettings(Duration.ofMinutes(10), Duration.ofMinutes(14), Duration.ofMinutes(5)));
        assertThat(new UploadSettings(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(5))
                        .deadAfter())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesAReaperThatNeverWaits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UploadSettings(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ZERO));
    }
}
