package chat.common.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service puts the events of a change: in its own database, in the transaction of the
 * change, never straight to Kafka. The {@link OutboxPublisher} sends them after commit, and
 * later if the broker is down, so that no committed change goes unannounced. Where an
 * {@link EventWriteThrough} is configured, the transaction's events are also handed to the services
 * that project them right after commit, on the committing thread, before its caller answers. Each
 * event keeps the writer's trace context, which the publisher sends as the record's
 * {@code traceparent} header.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxPublisher publisher;
    private final @Nullable EventWriteThrough writeThrough;
    private final TraceParent traceParent;

    public Outbox(JdbcClient jdbc, JsonMapper json, OutboxPublisher publisher) {
        this(jdbc, json, publisher, null, TraceParent.NONE);
    }

    public Outbox(
            JdbcClient jdbc,
            JsonMapper json,
            OutboxPublisher publisher,
            @Nullable EventWriteThrough writeThrough,
            TraceParent traceParent) {
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
        this.writeThrough = writeThrough != null && writeThrough.configured() ? writeThrough : null;
        this.traceParent = traceParent;
    }

    /**
     * Records an event of {@code type} whose {@code data} is serialized as JSON, in the envelope of
     * every chat event (subject: the record key).
     */
    public void append(String topic, String key, @Nullable Long keySequence, String type, String source, Object data) {
        append(topic, key, keySequence, EventEnvelope.of(type, source, key, json.valueToTree(data), Instant.now()));
    }

    /**
     * Records {@code event} for {@code topic} under {@code key}, with its order within the key.
     *
     * @throws IllegalStateException outside a transaction: an event without its change (or the
     *     reverse) is exactly what the outbox exists to prevent
     */
    public void append(String topic, String key, @Nullable Long keySequence, EventEnvelope event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run in the transaction of the change");
        }
        String payload = json.writeValueAsString(event);
        jdbc.sql("""
                        insert into outbox_event (topic, record_key, key_sequence, event_id, type, payload, trace_parent)
                        values (?, ?, ?, cast(? as uuid), ?, ?, ?)""")
                .params(topic, key, keySequence, event.id(), event.type(), payload, traceParent.current())
                .update();
        afterCommit().events.add(new EventWriteThrough.Committed(topic, payload));
    }

    /**
     * The one synchronization of the current transaction: registered by its first event, it wakes
     * the publisher once and writes the transaction's events through together, one call per
     * projecting service rather than one per event.
     */
    private AfterCommit afterCommit() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof AfterCommit mine && mine.outbox() == this) {
                return mine;
            }
        }
        AfterCommit created = new AfterCommit();
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }

    private final class AfterCommit implements TransactionSynchronization {

        final List<EventWriteThrough.Committed> events = new ArrayList<>();

        Outbox outbox() {
            return Outbox.this;
        }

        @Override
        public void afterCommit() {
            publisher.wake();
            if (writeThrough != null) {
                writeThrough.deliver(events);
            }
        }
    }
}
