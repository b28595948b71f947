package chat.common.events;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes rows that no longer serve anything: published outbox events older than the replay window
 * ({@code chat.outbox.retention}), and every {@link IdempotencyKeys} older than any repeat can be
 * ({@code chat.outbox.processed-event-retention}, longer than the topics keep their records): the
 * ids of applied events, and the service's own request keys. Without it these tables would grow
 * with every change, forever.
 *
 * <p>Keys are kept at least as long as the replay window: a client that resumes from the replay and
 * retries what it sent must still be recognised, whatever the two settings say.
 */
public class EventRetention {

    private final JdbcClient jdbc;
    private final Duration outboxRetention;
    private final Duration keyRetention;
    private final Iterable<? extends IdempotencyKeys> keys;

    public EventRetention(
            JdbcClient jdbc,
            Duration outboxRetention,
            Duration processedEventRetention,
            Iterable<? extends IdempotencyKeys> keys) {
        this.jdbc = jdbc;
        this.outboxRetention = outboxRetention;
        this.keyRetention = keyRetention(outboxRetention, processedEventRetention);
        this.keys = keys;
    }

    /** How long keys are kept: the longer of the two windows. */
    static Duration keyRetention(Duration outboxRetention, Duration processedEventRetention) {
        return processedEventRetention.compareTo(outboxRetention) >= 0 ? processedEventRetention : outboxRetention;
    }

    /** Deletes what has expired; how many rows went, outbox events and keys together. */
    public int removeExpired() {
        int removed = jdbc.sql("delete from outbox_event where published_at < now() - make_interval(secs => ?)")
                .param(outboxRetention.toSeconds())
                .update();
        for (IdempotencyKeys kept : keys) {
            removed += kept.removeOlderThan(keyRetention);
        }
        return removed;
    }
}
