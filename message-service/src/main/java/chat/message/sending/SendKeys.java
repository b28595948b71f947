package chat.message.sending;

import chat.common.events.IdempotencyKeys;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What recognises a repeated send (spec B.7, B.15): the {@code Idempotency-Key} rows and the
 * {@code client_id} a WebSocket client gave its message. Forgotten with the other keys
 * ({@code chat.outbox.processed-event-retention}, never less than the replay window), so that a
 * client resuming from the replay and retrying still gets its first message. The message itself
 * stays; only its {@code client_id} goes, which nothing but the deduplication reads.
 */
@Component
class SendKeys implements IdempotencyKeys {

    /** Rows per statement: a first run on a long history does not hold one huge transaction. */
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;

    SendKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int removeOlderThan(Duration age) {
        return inBatches("""
                        delete from idempotent_send where (user_id, idempotency_key) in (
                            select user_id, idempotency_key from idempotent_send
                            where created_at < now() - make_interval(secs => ?) limit ?)""", age) + inBatches("""
                        update message set client_id = null where id in (
                            select id from message
                            where client_id is not null and created_at < now() - make_interval(secs => ?)
                            limit ?)""", age);
    }

    private int inBatches(String statement, Duration age) {
        int total = 0;
        int removed;
        do {
            removed = jdbc.sql(statement).params(age.toSeconds(), BATCH).update();
            total += removed;
        } while (removed == BATCH);
        return total;
    }
}
