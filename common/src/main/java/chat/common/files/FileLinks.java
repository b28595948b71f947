package chat.common.files;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import java.util.Locale;
import java.util.Map;

/**
 * Short-lived links to attachment files that a browser loads directly ({@code <img src>}, no
 * {@code Authorization} header; spec B.11): presigned GETs for the store's public address. With a
 * region set, signing needs no connection to the store, so every read of a message signs anew.
 *
 * <p>A link made with the file's content type also fixes how the store answers it: the signed
 * {@code response-content-type} and {@code response-content-disposition} overrides make the store
 * send that type, {@code inline} for the images and videos a browser shows by itself, and
 * {@code attachment} (a download, never a page of our origin's neighbour) for anything else.
 * Being signed, neither can be changed by whoever holds the link. {@code X-Content-Type-Options:
 * nosniff} cannot be asked for in a link: the store or the CDN in front of it adds it (see
 * docs/operations.md).
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

    /** A link answered with the headers the object was stored with. */
    public String link(String objectKey) {
        return sign(objectKey, Map.of());
    }

    /** A link answered as {@code contentType}, inline only for images and videos. */
    public String link(String objectKey, String contentType) {
        return sign(objectKey, overrides(contentType));
    }

    /** The signed response overrides for a file of {@code contentType}. */
    static Map<String, String> overrides(String contentType) {
        return Map.of("response-content-type", contentType, "response-content-disposition", disposition(contentType));
    }

    /**
     * {@code inline} for a type a browser shows as a picture or a video and never runs as a
     * document; SVG is an image that can carry scripts, so it is downloaded like everything else.
     */
    static String disposition(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).strip();
        boolean shown = (type.startsWith("image/") && !type.startsWith("image/svg")) || type.startsWith("video/");
        return (shown ? "inline" : "attachment") + "; filename=\"attachment" + extension(type) + "\"";
    }

    private static String extension(String type) {
        int slash = type.indexOf('/');
        String subtype =
                slash < 0 ? "" : type.substring(slash + 1).split("[;+]", 2)[0].strip();
        return switch (subtype) {
            case "jpeg" -> ".jpg";
            case "quicktime" -> ".mov";
            case "" -> "";
            default -> subtype.matches("[a-z0-9.-]{1,16}") ? "." + subtype : "";
        };
    }

    private String sign(String objectKey, Map<String, String> overrides) {
        try {
            return publicSigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(settings.bucket())
                    .object(objectKey)
                    .expiry((int) settings.linkLifetime().toSeconds())
                    .extraQueryParams(overrides)
                    .build());
        } catch (Exception e) {
            // signing is local computation; a failure here is a configuration error
            throw new IllegalStateException("Cannot sign a link to " + objectKey, e);
        }
    }
}
