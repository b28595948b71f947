package chat.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The allowances of one gateway instance, in memory. Each caller's allowance per bucket is a
 * bucket of {@code limit} requests that refills evenly over the window: one request back every
 * {@code interval = window / limit}. It is kept as a single instant per caller, the moment the
 * bucket will be full again ({@code fullAt}), as in the generic cell rate algorithm: a request at
 * {@code now} finds {@code used = fullAt - now} (never below 0) worth of requests still to refill,
 * {@code ceil(used / interval)} of them; it is admitted if that leaves at least one, and then
 * moves {@code fullAt} one interval on. No timer and no refill job: the arithmetic is done when a
 * request comes.
 *
 * <p>Memory is bounded: a caller unseen for a whole window has a full bucket again and is
 * forgotten, and at most {@code maxKeys} callers are kept; past that the least active are
 * dropped, and one dropped while its bucket was not full starts afresh (the limit leaks for it,
 * never for callers within the bound).
 */
final class RateLimiter {

    private final RateLimitSettings settings;
    private final Clock clock;
    private final long window;
    /** Per caller and bucket: when its bucket is full again, in nanoseconds since the epoch. */
    private final Cache<Key, Long> fullAt;

    RateLimiter(RateLimitSettings settings, Clock clock) {
        this(settings, clock, ForkJoinPool.commonPool());
    }

    /** With the executor of the map's upkeep (eviction), which tests run on the caller's thread. */
    RateLimiter(RateLimitSettings settings, Clock clock, Executor upkeep) {
        this.settings = settings;
        this.clock = clock;
        this.window = settings.window().toNanos();
        this.fullAt = Caffeine.newBuilder()
                .maximumSize(settings.maxKeys())
                .expireAfterAccess(settings.window())
                .ticker(this::now)
                .executor(upkeep)
                .build();
    }

    /** Takes one request from {@code caller}'s allowance in {@code bucket}, if there is one left. */
    Decision take(RateLimitBucket bucket, String caller) {
        int limit = settings.limit(bucket);
        long interval = Math.max(1, window / limit);
        // admitted while at most limit - 1 requests are still to refill (for a window that the
        // limit does not divide to the nanosecond, the window is taken as limit × interval)
        long tolerance = (limit - 1) * interval;
        long now = now();
        Decision[] decision = new Decision[1];
        fullAt.asMap().compute(new Key(bucket, caller), (key, stored) -> {
            long full = stored == null ? now : Math.max(stored, now);
            long used = full - now;
            if (used > tolerance) {
                decision[0] = new Decision(false, limit, 0, Duration.ofNanos(used), Duration.ofNanos(used - tolerance));
                return stored;
            }
            long after = used + interval;
            int remaining = (int) Math.max(0, limit - ceilDiv(after, interval));
            decision[0] = new Decision(true, limit, remaining, Duration.ofNanos(after), Duration.ZERO);
            return full + interval;
        });
        return decision[0];
    }

    /** Callers kept now, after the upkeep that is due: for tests. */
    long callersKept() {
        fullAt.cleanUp();
        return fullAt.estimatedSize();
    }

    private long now() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private record Key(RateLimitBucket bucket, String caller) {}

    /**
     * What the headers of spec B.18 say.
     *
     * @param remaining requests the caller may still make at once
     * @param reset until the whole allowance is back
     * @param retryAfter until the next request is admitted: zero for an admitted one
     */
    record Decision(boolean admitted, int limit, int remaining, Duration reset, Duration retryAfter) {

        /** {@link #reset} in whole seconds, rounded up. */
        long resetSeconds() {
            return seconds(reset);
        }

        /** {@link #retryAfter} in whole seconds, rounded up: a client that waits that long is admitted. */
        long retryAfterSeconds() {
            return Math.max(1, seconds(retryAfter));
        }

        private static long seconds(Duration duration) {
            return ceilDiv(duration.toNanos(), 1_000_000_000L);
        }
    }
}
