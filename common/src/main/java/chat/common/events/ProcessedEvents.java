package chat.common.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event ids a consumer has applied, so that a redelivered event changes nothing twice. Call
 * {@link #firstTime} in the transaction that applies the event: both commit or neither does.
 */
public class ProcessedEvents {

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
}
