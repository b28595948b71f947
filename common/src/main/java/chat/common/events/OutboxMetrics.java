package chat.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the outbox shows operators: how many events wait to be published and how old the oldest
 * is ({@code chat.outbox.backlog}, {@code chat.outbox.oldest.age}), and how many were published
 * per topic ({@code chat.outbox.published}). A backlog that ages means Kafka is unreachable or the
 * publisher is stuck: the changes are committed, but nobody hears of them.
 */
public class OutboxMetrics {

    /** Both gauges come from one query, run at most this often however many scrapes ask. */
    static final Duration SNAPSHOT_LIFETIME = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final MeterRegistry registry;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private volatile Backlog backlog = new Backlog(0, 0);
    private volatile long backlogTakenNanos = System.nanoTime() - SNAPSHOT_LIFETIME.toNanos() - 1;

    public OutboxMetrics(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
        Gauge.builder("chat.outbox.backlog", this, metrics -> metrics.backlog().events())
                .description("Events committed but not yet published to Kafka")
                .register(registry);
        Gauge.builder(
                        "chat.outbox.oldest.age",
                        this,
                        metrics -> metrics.backlog().oldestAgeSeconds())
                .description("Age of the oldest event not yet published to Kafka (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Counts events acknowledged by Kafka, by topic. */
    void published(List<String> topics) {
        for (String topic : topics) {
            published.computeIfAbsent(topic, this::publishedCounter).increment();
        }
    }

    private Counter publishedCounter(String topic) {
        return Counter.builder("chat.outbox.published")
                .description("Events published to Kafka from the outbox")
                .tag("topic", topic)
                .register(registry);
    }

    private Backlog backlog() {
        long now = System.nanoTime();
        if (now - backlogTakenNanos > SNAPSHOT_LIFETIME.toNanos()) {
            backlogTakenNanos = now;
            try {
                backlog = jdbc.sql("""
                                select count(*) as events,
                                       coalesce(extract(epoch from now() - min(created_at)), 0) as oldest_age_seconds
                                from outbox_event where published_at is null""").query(Backlog.class).single();
            } catch (DataAccessException unreachable) {
                // the database's own health says so; the gauge says nothing rather than something stale
                backlog = new Backlog(Double.NaN, Double.NaN);
            }
        }
        return backlog;
    }

    record Backlog(double events, double oldestAgeSeconds) {}
}
