package chat.attachment.upload;

import java.io.IOException;

/**
 * The file was still streaming when the upload's time was up ({@code chat.attachments.uploads.max-duration}).
 * An {@link IOException}, so that it ends the store's read like any broken upload.
 */
public class UploadTooSlow extends IOException {
    public UploadTooSlow() {
        super("The upload took too long; send the file again over a faster connection.");
    }
}
