package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class LimitedStreamTests {

    static final Instant DEADLINE = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void passesAFileWithinItsSizeAndTime() throws Exception {
        LimitedStream stream = new LimitedStream(
                new ByteArrayInputStream(new byte[100]), 100, DEADLINE, InstantSource.fixed(DEADLINE));
        assertThat(stream.readAllBytes()).hasSize(100);
        assertThat(stream.count()).isEqualTo(100);
    }

    @Test
    void failsTheReadThatPassesTheSizeLimit() {
        LimitedStream stream = new LimitedStream(
                new ByteArrayInputStream(new byte[101]), 100, DEADLINE, InstantSource.fixed(DEADLINE));
        assertThatExceptionOfType(FileTooLarge.class).isThrownBy(stream::readAllBytes);
    }

    @Test
    void failsTheFirstReadAfterTheUploadsTimeIsUp() throws Exception {
        Instant[] now = {DEADLINE.minusSeconds(1)};
        LimitedStream stream = new LimitedStream(new ByteArrayInputStream(new byte[10]), 100, DEADLINE, () -> now[0]);
        assertThat(stream.readNBytes(5)).hasSize(5);
        now[0] = DEADLINE.plusMillis(1);
        assertThatExceptionOfType(UploadTooSlow.class).isThrownBy(stream::read);
        assertThatExceptionOfType(UploadTooSlow.class).isThrownBy(() -> stream.readNBytes(5));
    }
}
