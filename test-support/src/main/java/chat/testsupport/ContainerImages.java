package chat.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The images that the infrastructure starts from when Docker runs, as the root pom pins them: the
 * same tags that deploy/compose and deploy/kubernetes are held to by the build.
 */
final class ContainerImages {

    private static final String RESOURCE = "container-images.properties";
    private static final Properties IMAGES = load();

    private ContainerImages() {}

    static String postgres() {
        return image("postgres");
    }

    static String kafka() {
        return image("kafka");
    }

    static String minio() {
        return image("minio");
    }

    private static String image(String name) {
        String image = IMAGES.getProperty(name);
        if (image == null || image.isBlank() || image.startsWith("@")) {
            throw new IllegalStateException(RESOURCE + " names no image for " + name + " (built without Maven?)");
        }
        return image;
    }

    private static Properties load() {
        Properties images = new Properties();
        try (InputStream in = ContainerImages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + ContainerImages.class.getName());
            }
            images.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }
}
