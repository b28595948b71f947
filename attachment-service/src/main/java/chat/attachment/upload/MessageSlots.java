package chat.attachment.upload;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The attachment places of each message. A place is taken (atomically, one row per message)
 * before a file streams and given back if the upload fails, so that ten uploads to a message at
 * once are all stored and an eleventh is refused, whatever their order.
 */
@Component
class MessageSlots {

    static final int MAX_PER_MESSAGE = 10;

    private final JdbcClient jdbc;

    MessageSlots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void take(long messageId) {
        boolean taken = jdbc.sql("""
                                insert into message_slots (message_id, taken) values (?, 1)
                                on conflict (message_id) do update set taken = message_slots.taken + 1
                                where message_slots.taken < ?
                                returning taken""")
                .params(messageId, MAX_PER_MESSAGE)
                .query(Integer.class)
                .optional()
                .isPresent();
        if (!taken) {
            throw new TooManyAttachments();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void giveBack(long messageId) {
        jdbc.sql("update message_slots set taken = taken - 1 where message_id = ? and taken > 0")
                .param(messageId)
                .update();
    }
}
