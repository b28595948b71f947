package chat.conversation.previews;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many messages addressed to a user they have not read yet, per conversation (spec B.12):
 * sent by the other participant, not read, not deleted. Zero for someone who is not a participant.
 */
@Component
public class UnreadCounts {

    private final JdbcClient jdbc;

    UnreadCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, Long> of(Collection<Long> conversations, long userId) {
        Map<Long, Long> counts = new HashMap<>();
        if (conversations.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        select m.conversation_id, count(*) as unread from conversation_message m
                        join conversation c on c.id = m.conversation_id
                        where m.conversation_id = any(?) and m.sender_id <> ? and not m.is_read and not m.is_deleted
                          and ? in (c.user_low, c.user_high)
                        group by m.conversation_id""")
                .params(conversations.toArray(Long[]::new), userId, userId)
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return counts;
    }
}
