package chat.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jspecify.annotations.Nullable;

/**
 * An S3-compatible store (s3proxy) inside this JVM, checking AWS v2 and v4 signatures against
 * one key. Like the stores of a deployment (docs/operations.md), it answers every request with
 * {@code X-Content-Type-Options: nosniff}, and it allows every origin, since browsers upload
 * straight to presigned URLs.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final int port;

    private S3Server(BlobStoreContext context, S3Proxy proxy, int port) {
        this.context = context;
        this.proxy = proxy;
        this.port = port;
    }

    /**
     * Starts the store on {@code port} (0 for a free one).
     *
     * @param root the folder that keeps the objects as files across starts; null keeps them in
     *     memory
     * @param buckets created now if missing, so that a presigned upload works before any service
     *     has touched its bucket
     */
    public static S3Server start(
            @Nullable Path root, int port, String accessKey, String secretKey, List<String> buckets) throws Exception {
        ContextBuilder backend;
        if (root == null) {
            backend = ContextBuilder.newBuilder("transient");
        } else {
            Files.createDirectories(root);
            Properties files = new Properties();
            files.setProperty("jclouds.filesystem.basedir", root.toString());
            backend = ContextBuilder.newBuilder("filesystem-nio2").overrides(files);
        }
        // The backend itself has no authentication; S3 clients are checked by s3proxy.
        BlobStoreContext context = backend.credentials("local", "local").build(BlobStoreContext.class);
        int chosen = port == 0 ? LocalPorts.free() : port;
        try {
            BlobStore blobs = context.getBlobStore();
            for (String bucket : buckets) {
                if (!blobs.containerExists(bucket)) {
                    blobs.createContainerInLocation(null, bucket);
                }
            }
            Properties settings = new Properties();
            settings.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + chosen);
            settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            settings.setProperty("s3proxy.identity", accessKey);
            settings.setProperty("s3proxy.credential", secretKey);
            settings.setProperty("s3proxy.cors-allow-all", "true");
            S3Proxy proxy =
                    S3Proxy.Builder.fromProperties(settings).blobStore(blobs).build();
            NoSniff.wrap(proxy);
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    proxy.stop();
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3Server(context, proxy, chosen);
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What a browser uses: presigned URLs are signed for this host. */
    public URI publicEndpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
