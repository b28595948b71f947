package chat.message.attachments;

import chat.common.files.FileLinks;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The attachments of messages as the API renders them, each with a link signed at this read. */
@Component
public class MessageAttachments {

    private final JdbcClient jdbc;
    private final FileLinks links;

    MessageAttachments(JdbcClient jdbc, FileLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /** For every id of {@code messageIds}, its attachments in the order they were added. */
    public Map<Long, List<AttachmentView>> of(Collection<Long> messageIds) {
        Map<Long, List<AttachmentView>> byMessage = new HashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.sql("""
                        select id, message_id, object_key, uploaded_at from message_attachment
                        where message_id = any(?) order by message_id, id""")
                .param(messageIds.toArray(Long[]::new))
                .query((rs, n) -> new AttachmentView(
                        rs.getLong("id"),
                        rs.getLong("message_id"),
                        links.link(rs.getString("object_key")),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list()
                .forEach(view -> byMessage
                        .computeIfAbsent(view.message(), id -> new java.util.ArrayList<>())
                        .add(view));
        return byMessage;
    }

    /** The Attachment model of spec A.2.4. */
    @Schema(name = "Attachment")
    public record AttachmentView(
            long id,
            long message,
            String file,
            @JsonProperty("uploaded_at") Instant uploadedAt) {}
}
