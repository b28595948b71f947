package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import chat.testsupport.TestClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadLimitsTests {

    static final UploadSettings SETTINGS =
            new UploadSettings(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(5));

    final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));

    @Test
    void aFileOfExactlyTenMebibytesIsTaken() throws Exception {
        LimitedStream file = AttachmentUpload.limited(bytes(AttachmentUpload.MAX_BYTES), SETTINGS, clock);
        assertThat(file.readAllBytes()).hasSize((int) AttachmentUpload.MAX_BYTES);
        assertThat(AttachmentUpload.MAX_BYTES).isEqualTo(10_485_760);
    }

    @Test
    void oneByteMoreIsRefused() {
        LimitedStream file = AttachmentUpload.limited(bytes(AttachmentUpload.MAX_BYTES + 1), SETTINGS, clock);
        assertThatExceptionOfType(FileTooLarge.class).isThrownBy(file::readAllBytes);
    }

    @Test
    void anUploadMayStreamForMaxDurationFromWhenItStarted() throws Exception {
        LimitedStream file = AttachmentUpload.limited(bytes(10), SETTINGS, clock);
        clock.advance(SETTINGS.maxDuration());
        assertThat(file.readNBytes(5)).hasSize(5);
        clock.advance(Duration.ofMillis(1));
        assertThatExceptionOfType(UploadTooSlow.class).isThrownBy(() -> file.readNBytes(5));
    }

    @Test
    void theTimeCountsFromTheUploadsOwnStartNotAnEarlierOne() throws Exception {
        clock.advance(Duration.ofHours(3));
        LimitedStream file = AttachmentUpload.limited(bytes(10), SETTINGS, clock);
        clock.advance(Duration.ofMinutes(9));
        assertThat(file.readAllBytes()).hasSize(10);
    }

    private static InputStream bytes(long size) {
        return new ByteArrayInputStream(new byte[(int) size]);
    }
}
