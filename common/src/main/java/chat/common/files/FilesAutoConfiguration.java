package chat.common.files;

import io.minio.MinioClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** File links for every service that renders attachments and declares the MinIO client. */
@AutoConfiguration
@ConditionalOnClass(MinioClient.class)
@EnableConfigurationProperties(S3Settings.class)
public class FilesAutoConfiguration {

    @Bean
    FileLinks fileLinks(S3Settings settings) {
        return new FileLinks(settings);
    }
}
