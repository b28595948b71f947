package chat.message.events;

import chat.common.events.Topics;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A conversation's events after a seq, replayed from the outbox (which keeps published events for
 * its retention): how a realtime client that reconnects catches up (spec B.15).
 */
@Component
@Transactional(readOnly = true)
public class EventLog {

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The events of {@code conversation} after {@code afterSeq}, in order, at most {@code limit};
     * empty if the log no longer holds them all (the client must reload over REST).
     */
    public Optional<Replay> after(long conversation, long afterSeq, int limit) {
        String key = Long.toString(conversation);
        long lastSeq = jdbc.sql(
                        "select coalesce(max(last_seq), 0) from conversation_sequence where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
        if (afterSeq >= lastSeq) {
            return Optional.of(new Replay(lastSeq, List.of()));
        }
        long oldestKept = jdbc.sql(
                        "select coalesce(min(key_sequence), 0) from outbox_event where topic = ? and record_key = ?")
                .params(Topics.MESSAGES, key)
                .query(Long.class)
                .single();
        if (oldestKept == 0 || oldestKept > afterSeq + 1) {
            return Optional.empty();
        }
        List<String> events = jdbc.sql("""
                        select payload from outbox_event
                        where topic = ? and record_key = ? and key_sequence > ?
                        order by key_sequence limit ?""")
                .params(Topics.MESSAGES, key, afterSeq, limit)
                .query(String.class)
                .list();
        return Optional.of(new Replay(lastSeq, events));
    }

    /** The events as published (CloudEvents JSON), and the conversation's last seq. */
    public record Replay(long lastSeq, List<String> events) {}
}
