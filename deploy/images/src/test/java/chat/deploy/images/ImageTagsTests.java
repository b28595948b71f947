package chat.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule: the deployment files run the images the build makes and the tests run against. Every
 * chat image is tagged with the root pom's project version, and every other image is the one the
 * root pom pins (test-support's Testcontainers start the same), so neither can drift.
 */
class ImageTagsTests {

    private static final Path ROOT =
            Path.of(ImageTags.required("images.root")).toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    private static final ImageTags TAGS = ImageTags.of(
            ImageTags.required("images.version"),
            Stream.of("postgres", "kafka", "minio", "seaweedfs", "nginx", "keycloak")
                    .map(name -> ImageTags.required("container-image." + name))
                    .toList());

    @Test
    void composeRunsTheProjectVersionAndThePinnedImages() throws IOException {
        assertThat(TAGS.composeProblems(Files.readString(COMPOSE))).isEmpty();
    }

    @Test
    void kubernetesRunsTheProjectVersionAndThePinnedImages() throws IOException {
        Map<String, String> tags = ImageTags.kustomizedTags(Files.readString(KUBERNETES.resolve("kustomization.yaml")));
        List<String> problems = new ArrayList<>(TAGS.kustomizationProblems(tags));
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                problems.addAll(TAGS.manifestProblems(file.getFileName().toString(), Files.readString(file), tags));
            }
        }

        assertThat(tags).as("the chat images kustomization.yaml tags").isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void readmesNameThePinnedImages() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String file :
                List.of("deploy/compose/README.md", "deploy/kubernetes/README.md", "test-support/README.md")) {
            problems.addAll(TAGS.proseProblems(file, Files.readString(ROOT.resolve(file))));
        }

        assertThat(problems).isEmpty();
        assertThat(TAGS.proseProblems("x.md", "runs `apache/kafka:3.9.0` and `nginx:1.30.4-alpine`"))
                .singleElement()
                .asString()
                .contains("apache/kafka:3.9.0");
    }

    @Test
    void aComposeImageOffThePinIsFound() throws IOException {
        String compose = Files.readString(COMPOSE);
        String postgres = ImageTags.required("container-image.postgres");
        assertThat(compose).contains("image: " + postgres);

        assertThat(TAGS.composeProblems(compose.replace("image: " + postgres, "image: postgres:13")))
                .containsExactly("service postgres runs postgres:13, the root pom pins " + postgres);
        assertThat(TAGS.composeProblems(compose.replace("image: " + postgres, "image: mysql:8")))
                .singleElement()
                .asString()
                .contains("mysql:8", "does not pin");
    }

    @Test
    void aComposeChatImageAtAnotherVersionIsFound() throws IOException {
        String compose = Files.readString(COMPOSE);
        String drifted = compose.replace("chat/gateway:${CHAT_VERSION:-" + TAGS.version() + "}", "chat/gateway:0.0.1");

        assertThat(TAGS.composeProblems(drifted)).singleElement().asString().contains("gateway", "0.0.1");
    }

    @Test
    void aKubernetesTagOffTheVersionOrInTheManifestIsFound() {
        Map<String, String> drifted = Map.of("chat/gateway", "0.0.1");
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: wait
                          image: apache/kafka:3.0.0
                      containers:
                        - name: gateway
                          image: chat/gateway:0.0.1
                        - name: other
                          image: chat/other
                """;

        assertThat(TAGS.kustomizationProblems(drifted))
                .singleElement()
                .asString()
                .contains("0.0.1");
        assertThat(TAGS.manifestProblems("x.yaml", deployment, drifted))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("apache/kafka:3.0.0", "pins"))
                .anySatisfy(p -> assertThat(p).contains("chat/gateway:0.0.1", "sets the tag"))
                .anySatisfy(p -> assertThat(p).contains("chat/other", "does not tag"));
    }

    @Test
    void aRepositoryIsTheReferenceWithoutItsTag() {
        assertThat(ImageTags.repository("quay.io/keycloak/keycloak:26.5.6")).isEqualTo("quay.io/keycloak/keycloak");
        assertThat(ImageTags.repository("localhost:5000/chat/gateway")).isEqualTo("localhost:5000/chat/gateway");
        assertThat(ImageTags.repository("chat/gateway:${CHAT_VERSION:-1.0}")).isEqualTo("chat/gateway");
    }
}
