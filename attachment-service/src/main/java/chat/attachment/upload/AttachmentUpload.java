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
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attaching a file to a message (spec A.3.3, B.11): only its sender or staff, on a message of that
 * conversation that is not deleted; a file of an allowed format by name and by content, at most
 * {@value #MAX_BYTES} bytes, counted while it streams; at most ten per message. A refused upload
 * stores nothing; if the record cannot be stored after the file was, the file is removed.
 */
@Service
public class AttachmentUpload {

    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private final MessageLookup messages;
    private final MessageSlots slots;
    private final FileStore files;
    private final Attachments attachments;
    private final AttachmentEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    AttachmentUpload(
            MessageLookup messages,
            MessageSlots slots,
            FileStore files,
            Attachments attachments,
            AttachmentEvents events,
            TransactionTemplate transactions) {
        this.messages = messages;
        this.slots = slots;
        this.files = files;
        this.attachments = attachments;
        this.events = events;
        this.transactions = transactions;
    }

    /** The message, if {@code caller} may attach to it; checked before any byte of the file is read. */
    public MessageFacts target(ChatCaller caller, long conversation, long messageId) {
        MessageFacts message = messages.find(messageId)
                .filter(m -> m.isVisibleTo(caller.userId(), caller.staff()))
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
        slots.take(message.id());
        String key = "m/" + message.id() + "/" + UUID.randomUUID();
        boolean stored = false;
        try {
            SizeLimitedStream limited = new SizeLimitedStream(content, MAX_BYTES);
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
            files.put(key, buffered, kind.contentType(), "attachment." + kind.extension());
            stored = true;
            Attachment attachment = new Attachment(
                    message.id(),
                    message.conversation(),
                    key,
                    kind.contentType(),
                    limited.count(),
                    caller.userId(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            return transactions.execute(status -> {
                Attachment saved = attachments.save(attachment);
                events.added(saved, caller.userId());
                return saved;
            });
        } catch (Exception failure) {
            slots.giveBack(message.id());
            if (stored) {
                files.removeQuietly(key);
            }
            throw tooLargeIfSo(failure);
        }
    }

    /** The store wraps the stream's failure; the client should hear that the file was too large. */
    private static Exception tooLargeIfSo(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return failure;
    }
}
