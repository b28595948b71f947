package chat.attachment.storage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The S3 store holding attachment files. {@code publicEndpoint} is the address a browser uses,
 * which may differ from the one this service reaches the store on.
 */
@ConfigurationProperties("chat.s3")
public record S3Settings(
        URI endpoint, URI publicEndpoint, String accessKey, String secretKey, String region, String bucket) {}
