package chat.attachment.storage;

import chat.common.files.S3Settings;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.InputStream;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts attachment files into the private bucket, streaming: the object is sent in parts of
 * {@value #PART_SIZE} bytes, so memory does not grow with the file, and a stream that fails
 * midway (too large, connection lost) leaves no object behind.
 */
@Component
public class FileStore {

    /** The S3 minimum part size: the most this service holds of any one upload. */
    static final long PART_SIZE = 5L * 1024 * 1024;

    private final MinioClient minio;
    private final S3Settings settings;

    FileStore(MinioClient minio, S3Settings settings) {
        this.minio = minio;
        this.settings = settings;
    }

    /**
     * Stores {@code content} under {@code key} with a content type this service determined and a
     * download name that is not the client's, so the object never names or types itself as the
     * uploader chose.
     */
    public void put(String key, InputStream content, String contentType, String downloadName) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(content, -1, PART_SIZE)
                .contentType(contentType)
                .headers(Map.of(
                        "Content-Disposition", "inline; filename=\"" + downloadName + "\"",
                        "Cache-Control",
                                "private, max-age=" + settings.linkLifetime().toSeconds()))
                .build());
    }

    /** Removes an object; removing one that is already gone succeeds. */
    public void remove(String key) throws Exception {
        minio.removeObject(
                RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
    }
}
