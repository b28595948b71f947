package chat.conversation.previews;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many messages addressed to a user they have not read yet, per conversation (spec B.12):
 * sent by the other participant, not read, not deleted. Zero for someone who is not a participant.
 * Kept in {@code conversation_message}, just enough of each message to count, from message
 * events; every read and write of that table is here.
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

    /** A message was sent; its event may come twice. */
    void sent(long conversation, MessageEvent.Message message) {
        jdbc.sql("""
                        insert into conversation_message (id, conversation_id, sender_id, is_read, is_deleted)
                        values (?, ?, ?, ?, ?) on conflict (id) do nothing""")
                .params(message.id(), conversation, message.sender(), message.read(), message.deleted())
                .update();
    }

    /** A message was edited or deleted: it counts as its event now says. */
    void changed(MessageEvent.Message message) {
        jdbc.sql("update conversation_message set is_deleted = ?, is_read = ? where id = ?")
                .params(message.deleted(), message.read(), message.id())
                .update();
    }

    /**
     * The reader read what the event names: up to a message, the other participant's messages
     * (never the reader's own), and the listed messages.
     */
    void read(MessageEvent.Data read) {
        if (read.upTo() != null) {
            jdbc.sql("""
                            update conversation_message set is_read = true
                            where conversation_id = ? and sender_id <> ? and id <= ? and not is_read""").params(read.conversation(), read.actor(), read.upTo()).update();
        }
        if (read.messageIds() != null && !read.messageIds().isEmpty()) {
            jdbc.sql("update conversation_message set is_read = true where id = any(?)")
                    .param(read.messageIds().toArray(Long[]::new))
                    .update();
        }
    }

    boolean isRead(long message) {
        return jdbc.sql("select is_read from conversation_message where id = ?")
                .param(message)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
