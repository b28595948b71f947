package chat.attachment.web;

import chat.common.web.InvalidRequest;
import java.nio.file.InvalidPathException;
import org.apache.commons.fileupload2.core.FileItemInput;

/**
 * The client's name of an uploaded file, which only ever serves to tell its extension (the stored
 * object is named by this service). A name with a control character ({@code a.png\0.html} and
 * the like, U+0000 to U+001F and U+007F) is refused with 400 rather than cleaned up: a client that
 * sends one is broken or probing, and a cleaned name could end in another extension than the one
 * the client meant.
 */
final class FileNames {

    static final String CONTROL_CHARACTERS = "The file name must not contain control characters.";

    private FileNames() {}

    /** The part's file name, empty when it has none. */
    static String of(FileItemInput part) {
        String name;
        try {
            name = part.getName();
        } catch (InvalidPathException e) {
            // commons-fileupload refuses a name with NUL itself, as an invalid path
            throw refused();
        }
        return checked(name == null ? "" : name);
    }

    static String checked(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw refused();
            }
        }
        return name;
    }

    private static InvalidRequest refused() {
        return InvalidRequest.of(AttachmentController.FIELD, CONTROL_CHARACTERS);
    }
}
