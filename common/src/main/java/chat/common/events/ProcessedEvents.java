package chat.common.events;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event ids a consumer has applied, so that a redelivered event changes nothing twice. Call
 * {@link #firstTime} in the transaction that applies the event: both commit or neither does. The
 * ids are forgotten by {@link EventRetention} once no redelivery can bring their event back.
 */
public class ProcessedEvents implements IdempotencyKeys {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True if {@code eventId} was not applied before, and records it as applied. */
    public boolean firstTime(String eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ProcessedEvents.firstTime must run in the transaction applying the event");
        }
        return jdbc.sql("insert into processed_event (event_id) values (cast(? as uuid)) on conflict do nothing")
                        .param(eventId)
                        .update()
                == 1;
    }

    /**
     * Forgets ids applied more than {@code age} ago. Measured from when the event was applied, which
     * is after the broker appended it, so an event the topic still holds is always remembered.
     */
    @Override
    public int removeOlderThan(Duration age) {
        return jdbc.sql("delete from processed_event where processed_at < now() - make_interval(secs => ?)")
                .param(age.toSeconds())
                .update();
    }
}
