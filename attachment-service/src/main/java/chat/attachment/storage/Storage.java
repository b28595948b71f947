package chat.attachment.storage;

import chat.common.files.S3Settings;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bucket of attachment files: private (no bucket policy is ever set, so every read goes
 * through a presigned URL), created at start when absent, and watched by the readiness probe.
 */
@Configuration(proxyBeanMethods = false)
class Storage {

    @Bean
    MinioClient minioClient(S3Settings settings) throws IOException, GeneralSecurityException, MinioException {
        MinioClient client = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        if (!client.bucketExists(
                BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
            client.makeBucket(MakeBucketArgs.builder()
                    .bucket(settings.bucket())
                    .region(settings.region())
                    .build());
        }
        return client;
    }

    @Bean
    HealthIndicator storageHealthIndicator(MinioClient client, S3Settings settings) {
        return () -> {
            try {
                return client.bucketExists(BucketExistsArgs.builder()
                                .bucket(settings.bucket())
                                .build())
                        ? Health.up().build()
                        : Health.down().withDetail("bucket", "missing").build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
