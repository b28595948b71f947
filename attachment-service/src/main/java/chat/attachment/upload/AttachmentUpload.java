package chat.attachment.upload;

import chat.attachment.attachments.Attachment;
import chat.attachment.attachments.Attachments;
import chat.attachment.events.AttachmentEvents;
import chat.attachment.messages.MessageFacts;
import chat.attachment.messages.MessageLookup;
import chat.attachment.storage.FileStore;
import chat.common.security.ChatCaller;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attaching a file to a message (spec A.3.3, B.11): only its sender or staff, on a message of that
 * conversation that is not deleted; a file of an allowed format by name and by content, at most
 * {@value #MAX_BYTES} bytes, counted while it streams, within {@code max-duration}; at most ten per
 * message. A refused upload stores nothing; if the record cannot be stored after the file was, the
 * file is removed.
 *
 * <p>A pending record naming the object is committed before the file streams, and removed in the
 * transaction that writes the attachment record. An instance that stops in between leaves the
 * record, so the {@link UploadReaper} finds the object; until then the record holds the upload's
 * place on the message.
 */
@Service
@EnableConfigurationProperties(UploadSettings.class)
public class AttachmentUpload {

    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AttachmentUpload.class);

    private final MessageLookup messages;
    private final PendingUploads pending;
    private final FileStore files;
    private final Attachments attachments;
    private final AttachmentEvents events;
    private final TransactionTemplate transactions;
    private final UploadSettings settings;
    private final AttachmentMetrics metrics;
    private final Clock clock;

    AttachmentUpload(
            MessageLookup messages,
            PendingUploads pending,
            FileStore files,
            Attachments attachments,
            AttachmentEvents events,
            TransactionTemplate transactions,
            UploadSettings settings,
            AttachmentMetrics metrics,
            ObjectProvider<Clock> clock) {
        this.metrics = metrics;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.messages = messages;
        this.pending = pending;
        this.files = files;
        this.attachments = attachments;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** The message, if {@code caller} may attach to it; checked before any byte of the file is read. */
    public MessageFacts target(ChatCaller caller, long conversation, long messageId) {
        return attachableBy(caller, conversation, messages.find(messageId));
    }

    /**
     * The message if {@code caller} may attach to it: a message of {@code conversation} that they
     * sent (or any, for staff) and that is not deleted. Someone who cannot see it learns nothing
     * (404), the other participant hears it is not theirs (403).
     */
    static MessageFacts attachableBy(ChatCaller caller, long conversation, Optional<MessageFacts> found) {
        MessageFacts message = found.filter(m -> m.isVisibleTo(caller.userId(), caller.staff()))
                .filter(m -> m.conversation() == conversation)
                .orElseThrow(MessageNotFound::new);
        if (!caller.staff() && caller.userId() != message.sender()) {
            throw new NotMessageSender();
        }
        if (message.deleted()) {
            throw new MessageIsDeleted();
        }
        return message;
    }

    /** Streams {@code content} (named {@code fileName} by the client) into the store and records it. */
    public Attachment upload(ChatCaller caller, MessageFacts message, String fileName, InputStream content)
            throws Exception {
        FileKind kind = FileKind.byName(fileName)
                .orElseThrow(() -> new UnsupportedFile(
                        "Files of this type are not allowed; allowed: " + FileKind.allowedExtensions() + "."));
        String key = "m/" + message.id() + "/" + UUID.randomUUID();
        // the upload's time runs from before its pending record, which the reaper dates
        LimitedStream limited = limited(content, settings, clock);
        transactions.executeWithoutResult(
                status -> pending.begin(new PendingUpload(key, message.id(), caller.userId())));
        boolean sent = false;
        try {
            BufferedInputStream buffered = new BufferedInputStream(limited, FileKind.HEAD_BYTES * 2);
            buffered.mark(FileKind.HEAD_BYTES);
            byte[] head = buffered.readNBytes(FileKind.HEAD_BYTES);
            buffered.reset();
            if (head.length == 0) {
                throw new UnsupportedFile("The file is empty.");
            }
            if (!kind.matches(head)) {
                throw new UnsupportedFile(
                        "The file's content is not a " + kind.extension().toUpperCase() + " file.");
            }
            sent = true;
            files.put(key, buffered, kind.contentType(), "attachment." + kind.extension());
            Attachment attachment = new Attachment(
                    message.id(),
                    message.conversation(),
                    key,
                    kind.contentType(),
                    limited.count(),
                    caller.userId(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            Attachment stored = transactions.execute(status -> {
                if (!pending.finish(key)) {
                    // only if dead-after was set below the time this upload really took
                    throw new IllegalStateException("The upload of " + key + " was reaped before it finished");
                }
                Attachment saved = attachments.save(attachment);
                events.added(saved, caller.userId());
                return saved;
            });
            metrics.stored(kind);
            return stored;
        } catch (Exception failure) {
            giveUp(key, sent);
            throw refusalIfSo(failure);
        }
    }

    /** The file as it may stream: at most {@value #MAX_BYTES} bytes, for {@code max-duration} from now. */
    static LimitedStream limited(InputStream content, UploadSettings settings, Clock clock) {
        return new LimitedStream(content, MAX_BYTES, clock.instant().plus(settings.maxDuration()), clock);
    }

    /**
     * Frees the failed upload's place. Even a put that failed may have left an object (its answer
     * lost on the way back), so one that was sent is removed first; if that fails too, the record
     * stays and the reaper removes both later.
     */
    private void giveUp(String key, boolean sent) {
        try {
            if (sent) {
                files.remove(key);
            }
            pending.remove(key);
        } catch (Exception e) {
            log.warn("Could not clean up the failed upload {}; the reaper will: {}", key, e.toString());
        }
    }

    /** The store wraps the stream's failure; the client should hear that the file was too large or slow. */
    private static Exception refusalIfSo(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileTooLarge || cause instanceof UploadTooSlow) {
                return (Exception) cause;
            }
        }
        return failure;
    }
}
