package chat.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible store (s3proxy) inside the launcher, keeping objects as files in the data
 * folder. Like the stores of a deployment (docs/operations.md), it answers every request with
 * {@code X-Content-Type-Options: nosniff}.
 */
final class S3Store implements AutoCloseable {

    static final String ACCESS_KEY = "chat-local";
    static final String SECRET_KEY = "chat-local-secret";
    static final String BUCKET = "chat-attachments";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final int port;

    private S3Store(BlobStoreContext context, S3Proxy proxy, int port) {
        this.context = context;
        this.proxy = proxy;
        this.port = port;
    }

    static S3Store start(Path root, int port) throws Exception {
        Files.createDirectories(root);
        Properties backend = new Properties();
        backend.setProperty("jclouds.filesystem.basedir", root.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                // The backend itself has no authentication; S3 clients are checked by s3proxy.
                .credentials("local", "local")
                .overrides(backend)
                .build(BlobStoreContext.class);
        try {
            BlobStore blobs = context.getBlobStore();
            // Created here so that a presigned upload works before any service has touched the bucket.
            if (!blobs.containerExists(BUCKET)) {
                blobs.createContainerInLocation(null, BUCKET);
            }
            Properties proxySettings = new Properties();
            proxySettings.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
            proxySettings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            proxySettings.setProperty("s3proxy.identity", ACCESS_KEY);
            proxySettings.setProperty("s3proxy.credential", SECRET_KEY);
            // Browsers upload straight to presigned URLs from the front end's dev server origin.
            proxySettings.setProperty("s3proxy.cors-allow-all", "true");
            S3Proxy proxy = S3Proxy.Builder.fromProperties(proxySettings)
                    .blobStore(blobs)
                    .build();
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
            return new S3Store(context, proxy, port);
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What a browser uses: presigned URLs are signed for this host. */
    URI publicEndpoint() {
        return URI.create("http://localhost:" + port);
    }

    int port() {
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
