package chat.attachment.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Counts what passes and fails the read that would pass the size limit, or that comes after the
 * upload's time is up, before it reaches the store. The time limit is what lets the reaper tell a
 * dead upload from a slow one: no upload streams longer than it.
 */
final class LimitedStream extends FilterInputStream {

    private final long limit;
    private final Instant deadline;
    private final InstantSource clock;
    private long count;

    LimitedStream(InputStream in, long limit, Instant deadline, InstantSource clock) {
        super(in);
        this.limit = limit;
        this.deadline = deadline;
        this.clock = clock;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        inTime();
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        inTime();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        inTime();
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void inTime() throws UploadTooSlow {
        if (clock.instant().isAfter(deadline)) {
            throw new UploadTooSlow();
        }
    }

    private void counted(long n) throws FileTooLarge {
        count += n;
        if (count > limit) {
            throw new FileTooLarge(limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
