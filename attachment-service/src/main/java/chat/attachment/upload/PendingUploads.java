package chat.attachment.upload;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code pending_upload} records. Each names an object that may be in the bucket without an
 * attachment record; the record goes only in the transaction that writes the attachment record,
 * or once its object is removed, so an object never outlives both records.
 */
@Component
class PendingUploads {

    /**
     * The first key of the per-message advisory locks (the second is the message id's hash). The
     * two-key form never meets the outbox publisher's one-key lock.
     */
    private static final int SLOT_LOCKS = 0x5107;

    private final JdbcClient jdbc;

    PendingUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes a place on the message for {@code upload}, or throws {@link TooManyAttachments}. Run in
     * a transaction of its own, committed before the file streams: the message's lock makes
     * concurrent uploads count one after the other, and each counts the others' records.
     */
    void begin(PendingUpload upload) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .params(SLOT_LOCKS, Long.hashCode(upload.messageId()))
                .query()
                .singleRow();
        MessageSlots slots = jdbc.sql("""
                        select (select count(*) from attachment where message_id = ?) as attachments,
                               (select count(*) from pending_upload where message_id = ?) as pending""")
                .params(upload.messageId(), upload.messageId())
                .query(MessageSlots.class)
                .single();
        if (!slots.haveRoom()) {
            throw new TooManyAttachments();
        }
        jdbc.sql("insert into pending_upload (object_key, message_id, uploaded_by) values (?, ?, ?)")
                .params(upload.objectKey(), upload.messageId(), upload.uploadedBy())
                .update();
    }

    /**
     * Removes the record of a finished upload, in the transaction that writes its attachment
     * record; false if it was reaped meanwhile (its object is then gone, or going).
     */
    boolean finish(String objectKey) {
        return remove(objectKey);
    }

    /** Removes the record, once its object is known to be gone from the bucket. */
    boolean remove(String objectKey) {
        return jdbc.sql("delete from pending_upload where object_key = ?")
                        .param(objectKey)
                        .update()
                == 1;
    }

    /**
     * Locks up to {@code limit} uploads pending for longer than {@code deadAfter}, by the
     * database's clock (one clock for every instance), oldest first. Rows another instance holds
     * (reaping them, or finishing the upload) are skipped, so several reapers share the work.
     */
    List<PendingUpload> lockDead(Duration deadAfter, int limit) {
        return jdbc.sql("""
                        select object_key, message_id, uploaded_by from pending_upload
                        where started_at < now() - make_interval(secs => ?)
                        order by started_at limit ? for update skip locked""")
                .params(deadAfter.toSeconds(), limit)
                .query(PendingUpload.class)
                .list();
    }
}
