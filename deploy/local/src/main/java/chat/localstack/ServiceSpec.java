package chat.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * One Spring Boot service of the chat system as the launcher runs it.
 *
 * @param module the Maven module, which names its jar and its log
 * @param database its PostgreSQL database, null for the gateway
 * @param folder the module's folder in the checkout
 */
record ServiceSpec(String module, @Nullable String database, String folder) {

    ServiceSpec(String module, @Nullable String database) {
        this(module, database, module);
    }

    /** The project version this launcher was built with: the services' jars beside it carry it too. */
    static final String VERSION = buildVersion();

    Path jar(Path repoRoot) {
        return repoRoot.resolve(folder).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    private static String buildVersion() {
        Properties build = new Properties();
        try (InputStream in = ServiceSpec.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing beside " + ServiceSpec.class.getName());
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build.getProperty("version");
    }
}
