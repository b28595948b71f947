package chat.common.files;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3 bucket of attachment files.
 *
 * @param endpoint where this service reaches the store
 * @param publicEndpoint where browsers reach it: file links are signed for this host, since the
 *     host is part of an S3 signature
 * @param linkLifetime how long a file link stays valid; every read of a message gives a new one
 */
@ConfigurationProperties("chat.s3")
public record S3Settings(
        URI endpoint,
        URI publicEndpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("us-east-1") String region,
        String bucket,
        @DefaultValue("15m") Duration linkLifetime) {}
