package chat.realtime.typing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timing rules of "is typing", on an injected clock. A user's {@code is_typing: true} in a
 * conversation is passed on at most once per {@link #RENEW_EVERY}; one heard from the topic and
 * not renewed within {@link #EXPIRES_AFTER} ends by itself with {@code is_typing: false}. Both
 * maps hold only users who typed lately.
 */
final class Typists {

    static final Duration RENEW_EVERY = Duration.ofSeconds(2);
    static final Duration EXPIRES_AFTER = Duration.ofSeconds(6);

    /** One user in one conversation. */
    record Typist(long conversation, long user) {}

    private final Clock clock;
    private final Map<Typist, Instant> lastPublished = new ConcurrentHashMap<>();
    private final Map<Typist, Instant> endsAt = new ConcurrentHashMap<>();

    Typists(Clock clock) {
        this.clock = clock;
    }

    /**
     * A socket's {@code typing}: true when it is to be published, false for a {@code true} that
     * renews one published less than {@link #RENEW_EVERY} ago.
     */
    boolean publishes(Typist typist, boolean isTyping) {
        Instant now = clock.instant();
        if (!isTyping) {
            lastPublished.remove(typist);
            return true;
        }
        boolean[] publish = {false};
        lastPublished.compute(typist, (key, last) -> {
            publish[0] = last == null || !last.plus(RENEW_EVERY).isAfter(now);
            return publish[0] ? now : last;
        });
        return publish[0];
    }

    /** A typing event heard from the topic: a {@code true} ends by itself unless renewed in time. */
    void heard(Typist typist, boolean isTyping) {
        if (isTyping) {
            endsAt.put(typist, clock.instant().plus(EXPIRES_AFTER));
        } else {
            endsAt.remove(typist);
        }
    }

    /** The typists whose {@code true} was not renewed in time, forgotten as they are returned. */
    List<Typist> expired() {
        Instant now = clock.instant();
        List<Typist> expired = new ArrayList<>();
        endsAt.forEach((typist, end) -> {
            if (!end.isAfter(now) && endsAt.remove(typist, end)) {
                expired.add(typist);
            }
        });
        lastPublished
                .values()
                .removeIf(published -> !published.plus(RENEW_EVERY).isAfter(now));
        return expired;
    }
}
