package chat.attachment.upload;

import chat.attachment.storage.FileStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what uploads that died left behind: an instance stopped between storing a file and
 * writing its record leaves the object and its pending record. Every
 * {@code chat.attachments.uploads.reap-every}, the pending records older than {@code dead-after}
 * (far longer than any upload may stream) have their objects removed, then the records, which
 * frees their places on the message. A record whose object cannot be removed now stays for the
 * next round. Safe on every instance at once: each locks the rows it reaps and skips the others'.
 */
@Component
public class UploadReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UploadReaper.class);
    private static final int BATCH = 100;

    private final PendingUploads pending;
    private final FileStore files;
    private final TransactionTemplate transactions;
    private final UploadSettings settings;
    private ScheduledExecutorService timer;

    UploadReaper(PendingUploads pending, FileStore files, TransactionTemplate transactions, UploadSettings settings) {
        this.pending = pending;
        this.files = files;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** Reaps every dead upload it can now; how many it reaped. */
    public int reap() {
        int reaped = 0;
        while (true) {
            Round round = transactions.execute(status -> reapBatch());
            reaped += round.reaped();
            if (round.seen() < BATCH || round.reaped() == 0) {
                return reaped;
            }
        }
    }

    private Round reapBatch() {
        List<PendingUpload> dead = pending.lockDead(settings.deadAfter(), BATCH);
        int reaped = 0;
        for (PendingUpload upload : dead) {
            try {
                files.remove(upload.objectKey());
            } catch (Exception e) {
                log.warn(
                        "Could not remove {} of a dead upload; trying again later: {}",
                        upload.objectKey(),
                        e.toString());
                continue;
            }
            pending.remove(upload.objectKey());
            reaped++;
        }
        if (reaped > 0) {
            log.info("Removed the files of {} uploads that never finished", reaped);
        }
        return new Round(dead.size(), reaped);
    }

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException e) {
            log.warn("Reaping dead uploads failed; trying again in {}: {}", settings.reapEvery(), e.toString());
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("upload-reaper").daemon().factory());
        long every = settings.reapEvery().toMillis();
        timer.scheduleWithFixedDelay(this::reapQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    private record Round(int seen, int reaped) {}
}
