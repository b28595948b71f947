package chat.attachment.upload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Files stored, by kind ({@code chat.attachments.stored}: image, video), and uploads refused, by
 * reason ({@code chat.attachments.refused}). Every series exists from the start at 0, so that a
 * rate of refusals is defined before the first one.
 */
@Component
public class AttachmentMetrics {

    /** Why an upload was refused, as the {@code reason} tag says it. */
    public enum Refusal {
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        TOO_MANY,
        TIME_LIMIT,
        MESSAGE_DELETED,
        INVALID;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter images;
    private final Counter videos;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    AttachmentMetrics(MeterRegistry registry) {
        this.images = stored(registry, "image");
        this.videos = stored(registry, "video");
        Arrays.stream(Refusal.values())
                .forEach(reason -> refused.put(
                        reason,
                        Counter.builder("chat.attachments.refused")
                                .description("Uploads refused, by reason")
                                .tag("reason", reason.tag())
                                .register(registry)));
    }

    private static Counter stored(MeterRegistry registry, String kind) {
        return Counter.builder("chat.attachments.stored")
                .description("Attachment files stored, by kind")
                .tag("kind", kind)
                .register(registry);
    }

    void stored(FileKind kind) {
        (kind.contentType().startsWith("video/") ? videos : images).increment();
    }

    public void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
