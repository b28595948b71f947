package chat.attachment.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an upload may stream, and when a pending upload is taken for dead.
 *
 * @param maxDuration the longest an upload streams: a file still arriving after this is refused
 * @param deadAfter a pending upload older than this belongs to an instance that stopped mid-upload;
 *     its object and record are removed. At least {@link #MARGIN} above {@code maxDuration}, since
 *     a stalled read only ends at the server's connection timeout, and the record's transaction
 *     may wait on the database after that
 * @param reapEvery how often each instance looks for dead uploads
 */
@ConfigurationProperties("chat.attachments.uploads")
record UploadSettings(
        @DefaultValue("10m") Duration maxDuration,
        @DefaultValue("1h") Duration deadAfter,
        @DefaultValue("5m") Duration reapEvery) {

    static final Duration MARGIN = Duration.ofMinutes(5);

    UploadSettings {
        if (deadAfter.compareTo(maxDuration.plus(MARGIN)) < 0) {
            throw new IllegalArgumentException("chat.attachments.uploads.dead-after (" + deadAfter
                    + ") must be at least " + MARGIN + " longer than max-duration (" + maxDuration
                    + "), or live uploads would be reaped");
        }
        if (reapEvery.isNegative() || reapEvery.isZero()) {
            throw new IllegalArgumentException("chat.attachments.uploads.reap-every must be positive");
        }
    }
}
