package chat.common.files;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;

/**
 * Short-lived links to attachment files that a browser loads directly ({@code <img src>}, no
 * {@code Authorization} header; spec B.11): presigned GETs for the store's public address. With a
 * region set, signing needs no connection to the store, so every read of a message signs anew.
 */
public class FileLinks {

    private final MinioClient publicSigner;
    private final S3Settings settings;

    public FileLinks(S3Settings settings) {
        this.settings = settings;
        this.publicSigner = MinioClient.builder()
                .endpoint(settings.publicEndpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
    }

    public String link(String objectKey) {
        try {
            return publicSigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(settings.bucket())
                    .object(objectKey)
                    .expiry((int) settings.linkLifetime().toSeconds())
                    .build());
        } catch (Exception e) {
            // signing is local computation; a failure here is a configuration error
            throw new IllegalStateException("Cannot sign a link to " + objectKey, e);
        }
    }
}
