package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rule: the images started through Testcontainers are the references the root pom pins
 * (container-image.*), filled in by the build, so that they are the ones the deployment files run.
 */
class ContainerImagesTests {

    @Test
    void areTheTaggedReferencesTheRootPomPins() {
        assertThat(ContainerImages.postgres()).matches("postgres:[\\w.-]+");
        assertThat(ContainerImages.kafka()).matches("apache/kafka:[\\w.-]+");
        assertThat(ContainerImages.minio()).matches("minio/minio:[\\w.-]+");
    }
}
