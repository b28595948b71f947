package chat.attachment.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what passes and fails the read that would pass the limit, before it reaches the store. */
final class SizeLimitedStream extends FilterInputStream {

    private final long limit;
    private long count;

    SizeLimitedStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
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
