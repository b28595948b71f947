package chat.conversation.previews;

import chat.common.files.FileLinks;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The attachments of last messages, each with a link signed at this read (spec B.11), kept in
 * {@code conversation_attachment} from attachment-service's events.
 */
@Component
public class PreviewAttachments {

    private final JdbcClient jdbc;
    private final FileLinks links;

    PreviewAttachments(JdbcClient jdbc, FileLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    public Map<Long, List<Attachment>> of(Collection<Long> messageIds) {
        Map<Long, List<Attachment>> byMessage = new HashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.sql("""
                        select id, message_id, object_key, uploaded_at from conversation_attachment
                        where message_id = any(?) order by message_id, id""")
                .param(messageIds.toArray(Long[]::new))
                .query((rs, n) -> new Attachment(
                        rs.getLong("id"),
                        rs.getLong("message_id"),
                        links.link(rs.getString("object_key")),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list()
                .forEach(a -> byMessage
                        .computeIfAbsent(a.message(), id -> new ArrayList<>())
                        .add(a));
        return byMessage;
    }

    /** An attachment-service event's file; the event may come twice. */
    void added(long id, long message, String objectKey, Instant uploadedAt) {
        jdbc.sql("""
                        insert into conversation_attachment (id, message_id, object_key, uploaded_at)
                        values (?, ?, ?, ?) on conflict (id) do nothing""").params(id, message, objectKey, Timestamp.from(uploadedAt)).update();
    }

    /** The Attachment model of spec A.2.4. */
    @Schema(name = "Attachment")
    public record Attachment(
            long id,
            long message,
            String file,
            @JsonProperty("uploaded_at") Instant uploadedAt) {}
}
