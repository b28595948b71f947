package chat.common.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Kafka in position order. One instance of a service publishes at a time (a
 * transaction-scoped advisory lock). A batch is handed to the producer in position order and its
 * acknowledgements are awaited together, so a busy outbox leaves in a few requests rather than one
 * round trip per event. Order holds because the producer is idempotent with at most five requests
 * in flight: the broker appends a partition's records in the order they were sent, and when one of
 * them fails, those sent after it to the same partition fail too (their sequence numbers no longer
 * follow). Only the events before the first failure are marked; the batch is retried from there.
 *
 * <p>An event is marked published only once acknowledged. If the broker is unreachable the
 * producer keeps retrying the same record (idempotently) for its delivery timeout; only a process
 * stopped between the acknowledgement and the mark can send an event twice, which consumers
 * absorb by deduplicating on the event id.
 */
public class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    /** Any fixed number: advisory locks are per database, and each service has its own. */
    private static final long PUBLISHER_LOCK = 0x0C4A7_0B0CL;

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transactions;
    private final Duration idlePoll;
    private final EventRetention retention;
    private final OutboxMetrics metrics;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private long lastCleanup;

    public OutboxPublisher(
            JdbcClient jdbc,
            KafkaTemplate<String, String> kafka,
            TransactionTemplate transactions,
            Duration idlePoll,
            EventRetention retention,
            OutboxMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.kafka = kafka;
        this.transactions = transactions;
        this.idlePoll = idlePoll;
        this.retention = retention;
    }

    /** Called after a commit that appended events, so they leave without waiting for the poll. */
    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-publisher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero() || publishBatch() < BATCH) {
                    wakeUp.tryAcquire(
                            backoff.isZero() ? idlePoll.toMillis() : backoff.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
                backoff = Duration.ZERO;
                cleanUpNowAndThen();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox publishing failed, retrying in a second: {}", e.toString());
                backoff = Duration.ofSeconds(1);
            }
        }
    }

    /** Publishes what it can of the oldest unpublished events; returns how many it published. */
    int publishBatch() {
        Batch batch = transactions.execute(status -> {
            boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(PUBLISHER_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!leader) {
                return new Batch(List.of(), null);
            }
            List<Pending> pending =
                    jdbc.sql("""
                            select position, topic, record_key, payload, trace_parent from outbox_event
                            where published_at is null order by position limit ?""").param(BATCH).query(Pending.class).list();
            List<CompletableFuture<?>> acknowledgements = new ArrayList<>(pending.size());
            @Nullable RuntimeException failure = null;
            for (Pending event : pending) {
                try {
                    acknowledgements.add(kafka.send(event.record()));
                } catch (RuntimeException e) {
                    failure =
                            new IllegalStateException("Kafka refused event at outbox position " + event.position(), e);
                    break;
                }
            }
            List<Pending> sent = new ArrayList<>();
            for (int i = 0; i < acknowledgements.size(); i++) {
                try {
                    acknowledgements.get(i).get();
                    sent.add(pending.get(i));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while publishing", e);
                    break;
                } catch (ExecutionException e) {
                    failure = new IllegalStateException(
                            "Kafka refused event at outbox position "
                                    + pending.get(i).position(),
                            e);
                    break;
                }
            }
            if (!sent.isEmpty()) {
                jdbc.sql("update outbox_event set published_at = now() where position = any(?)")
                        .param(sent.stream().map(Pending::position).toArray(Long[]::new))
                        .update();
            }
            // committed even after a failure: what was acknowledged must stay marked
            return new Batch(sent.stream().map(Pending::topic).toList(), failure);
        });
        if (batch == null) {
            return 0;
        }
        metrics.published(batch.publishedTopics());
        if (batch.failure() != null) {
            throw batch.failure();
        }
        return batch.publishedTopics().size();
    }

    /** Published events are kept for a while (consumers may ask to replay them), then removed. */
    private void cleanUpNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - lastCleanup > Duration.ofMinutes(10).toMillis()) {
            lastCleanup = now;
            retention.removeExpired();
        }
    }

    @Override
    public int getPhase() {
        // started after the web server and the listeners, stopped before them
        return Integer.MAX_VALUE - 100;
    }

    record Pending(
            long position,
            String topic,
            String recordKey,
            String payload,
            @Nullable String traceParent) {

        ProducerRecord<String, String> record() {
            ProducerRecord<String, String> record = CloudEventRecords.of(topic, recordKey, payload);
            if (traceParent != null) {
                record.headers().add(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
            }
            return record;
        }
    }

    /** The topic of each event published, in order, and what stopped the batch, if anything. */
    private record Batch(
            List<String> publishedTopics, @Nullable RuntimeException failure) {}
}
