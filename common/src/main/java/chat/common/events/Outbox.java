package chat.common.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service puts the events of a change: in its own database, in the transaction of the
 * change, never straight to Kafka. The {@link OutboxPublisher} sends them after commit, and
 * later if the broker is down, so that no committed change goes unannounced.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxPublisher publisher;

    public Outbox(JdbcClient jdbc, JsonMapper json, OutboxPublisher publisher) {
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
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
        jdbc.sql("""
                        insert into outbox_event (topic, record_key, key_sequence, event_id, type, payload)
                        values (?, ?, ?, cast(? as uuid), ?, ?)""")
                .params(topic, key, keySequence, event.id(), event.type(), json.writeValueAsString(event))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.wake();
            }
        });
    }
}
