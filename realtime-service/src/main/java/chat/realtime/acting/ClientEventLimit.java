package chat.realtime.acting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The per-user limit on client events (spec B.18; {@link ClientEventSettings}): a bucket per user
 * that holds at most {@code limit} events and refills at {@code limit} per {@code period}, over
 * every socket of the user on this instance. Instances share nothing, so a user whose sockets are
 * spread over several instances has the limit on each. A bucket left alone for a whole period is
 * full again, the same as none: it is forgotten, so only users active lately take memory.
 */
@Component
@EnableConfigurationProperties(ClientEventSettings.class)
class ClientEventLimit {

    private final ClientEventSettings settings;
    private final int limit;
    private final double perNano;
    private final Clock clock;
    private final Cache<Long, Bucket> buckets;

    @Autowired
    ClientEventLimit(ClientEventSettings settings) {
        this(settings, Clock.systemUTC());
    }

    ClientEventLimit(ClientEventSettings settings, Clock clock) {
        this.settings = settings;
        this.limit = settings.limit();
        this.perNano = (double) settings.limit() / settings.period().toNanos();
        this.clock = clock;
        // more users than an instance has sockets: one pushed out early merely starts full again
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(settings.period())
                .maximumSize(100_000)
                .build();
    }

    /** Takes one event from {@code user}'s allowance: false when there is none left, and it must be dropped. */
    boolean admits(long user) {
        long now = nanos();
        return buckets.get(user, id -> new Bucket(limit, now)).take(now, limit, perNano);
    }

    /** What a client over the limit is told. */
    String refusal() {
        return "Too many events: at most " + settings.limit() + " every " + seconds(settings.period())
                + "; this one was dropped.";
    }

    private static String seconds(Duration period) {
        return period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
    }

    private long nanos() {
        return Duration.ofMillis(clock.millis()).toNanos();
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }

        synchronized boolean take(long now, int limit, double perNano) {
            if (now > refilledAt) {
                tokens = Math.min(limit, tokens + (now - refilledAt) * perNano);
                refilledAt = now;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
