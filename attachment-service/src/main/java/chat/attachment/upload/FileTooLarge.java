package chat.attachment.upload;

import java.io.IOException;

/**
 * The file passed the size limit while it streamed. An {@link IOException}, so that it ends the
 * store's read of the stream like any broken upload, which makes the store abandon the object.
 */
public class FileTooLarge extends IOException {
    public FileTooLarge(long limit) {
        super("The file is larger than the limit of 10 MB (" + String.format("%,d", limit) + " bytes).");
    }
}
