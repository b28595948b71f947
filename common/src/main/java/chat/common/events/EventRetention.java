package chat.common.events;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes event rows that no longer serve anything: published outbox events older than the replay
 * window ({@code chat.outbox.retention}), and the ids of applied events older than any
 * redelivery can be ({@code chat.outbox.processed-event-retention}, longer than the topics keep
 * their records). Without it both tables would grow with every change, forever.
 */
public class EventRetention {

    private final JdbcClient jdbc;
    private final Duration outboxRetention;
    private final Duration processedEventRetention;

    public EventRetention(JdbcClient jdbc, Duration outboxRetention, Duration processedEventRetention) {
        this.jdbc = jdbc;
        this.outboxRetention = outboxRetention;
        this.processedEventRetention = processedEventRetention;
    }

    /** Deletes what has expired; how many rows went, outbox events and processed ids together. */
    public int removeExpired() {
        int events = jdbc.sql("delete from outbox_event where published_at < now() - make_interval(secs => ?)")
                .param(outboxRetention.toSeconds())
                .update();
        int processed = jdbc.sql("delete from processed_event where processed_at < now() - make_interval(secs => ?)")
                .param(processedEventRetention.toSeconds())
                .update();
        return events + processed;
    }
}
