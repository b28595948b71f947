package chat.attachment.upload;

/** A file whose name or content is not one of the allowed formats (spec A.3.3, B.11). */
public class UnsupportedFile extends RuntimeException {
    public UnsupportedFile(String detail) {
        super(detail);
    }
}
