package chat.localstack;

import java.nio.file.Path;
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

    Path jar(Path repoRoot) {
        return repoRoot.resolve(folder).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    }
}
