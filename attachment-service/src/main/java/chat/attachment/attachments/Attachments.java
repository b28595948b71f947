package chat.attachment.attachments;

import java.util.List;
import org.springframework.data.repository.Repository;

public interface Attachments extends Repository<Attachment, Long> {

    Attachment save(Attachment attachment);

    List<Attachment> findByMessageIdAndRemovedAtIsNull(long messageId);
}
