package chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.files.S3Settings;
import chat.testsupport.StandardServiceChecks;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AttachmentServiceIntegrationTests extends StandardServiceChecks {

    @Autowired
    S3Settings settings;

    @Test
    void createsItsBucketInTheS3StoreAtStart() throws Exception {
        MinioClient independent = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        assertThat(independent.bucketExists(
                        BucketExistsArgs.builder().bucket(settings.bucket()).build()))
                .isTrue();
    }
}
