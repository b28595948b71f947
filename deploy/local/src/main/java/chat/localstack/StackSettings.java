package chat.localstack;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one run of the local stack does, from the command line and the environment.
 *
 * @param repoRoot the checkout, where the service jars are built
 * @param dataDir where every part keeps its state across runs
 * @param gatewayPort the one port a person or a front end talks to
 * @param startTimeout how long the whole stack may take to answer its health checks
 * @param fresh wipe {@code dataDir} first
 * @param infraOnly start only PostgreSQL, Kafka, the S3 store and the token issuer
 * @param keycloak a real Keycloak with the realm {@code chat} and the user sync instead of the
 *     development token issuer
 * @param serviceJvmOptions the JVM options of each service and the gateway
 */
record StackSettings(
        Path repoRoot,
        Path dataDir,
        int gatewayPort,
        Duration startTimeout,
        boolean fresh,
        boolean infraOnly,
        boolean keycloak,
        List<String> serviceJvmOptions) {

    /**
     * For steady load on a small machine: both JIT tiers (C1 alone costs about twice the CPU per
     * request once warm), a heap the services' working sets fit with room to spare, the serial
     * collector (one or two cores need no parallel one, and it keeps the footprint small), and a
     * bounded code cache and metaspace so the resident size stays predictable.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xms64m",
            "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxMetaspaceSize=160m");

    static final String USAGE = """
            Usage: deploy/local/run.sh [--fresh] [--infra-only] [--keycloak] [--rebuild] [--help]

              --fresh        delete the data folder first (databases, topics, objects, dev users)
              --infra-only   start only PostgreSQL, Kafka, the S3 store and the token issuer,
                             and print their addresses (to run a service from an IDE)
              --keycloak     a real Keycloak (realm deploy/keycloak/chat-realm.json) and the
                             user sync instead of the development token issuer
              --rebuild      (run.sh) build the jars with Maven before starting
              --help         this text

            Environment:
              CHAT_PORT                  gateway port (default 8080)
              CHAT_DATA_DIR              data folder (default <repo>/deploy/local/.data)
              CHAT_START_TIMEOUT_SECONDS how long start-up may take (default 300)
              CHAT_JVM_OPTS              JVM options of each service and the gateway, instead
                                         of the defaults (heap, collector, code cache)

            Stop with Ctrl+C or kill -TERM <pid>.""";

    /** Thrown for a command line or environment the launcher cannot run with. */
    static final class InvalidSettings extends Exception {
        InvalidSettings(String message) {
            super(message);
        }
    }

    /** Null when the caller asked only for help. */
    static @Nullable StackSettings parse(List<String> args, Map<String, String> env, Path repoRoot)
            throws InvalidSettings {
        boolean fresh = false;
        boolean infraOnly = false;
        boolean keycloak = false;
        for (String arg : args) {
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--infra-only" -> infraOnly = true;
                case "--keycloak" -> keycloak = true;
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new InvalidSettings("Unknown argument: " + arg);
            }
        }
        String dataDir = env.get("CHAT_DATA_DIR");
        Path data = dataDir == null || dataDir.isBlank()
                ? repoRoot.resolve("deploy/local/.data")
                : Path.of(dataDir).toAbsolutePath();
        int port = intSetting(env, "CHAT_PORT", 8080);
        if (port < 1 || port > 65535) {
            throw new InvalidSettings("CHAT_PORT must be a port number, not " + port);
        }
        int timeout = intSetting(env, "CHAT_START_TIMEOUT_SECONDS", 300);
        if (timeout < 1) {
            throw new InvalidSettings("CHAT_START_TIMEOUT_SECONDS must be positive");
        }
        String jvmOptions = env.get("CHAT_JVM_OPTS");
        List<String> serviceJvmOptions = jvmOptions == null || jvmOptions.isBlank()
                ? DEFAULT_JVM_OPTIONS
                : List.of(jvmOptions.trim().split("\\s+"));
        return new StackSettings(
                repoRoot,
                data.normalize(),
                port,
                Duration.ofSeconds(timeout),
                fresh,
                infraOnly,
                keycloak,
                serviceJvmOptions);
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) throws InvalidSettings {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettings(name + " must be a number, not \"" + value + "\"");
        }
    }

    /**
     * run.sh names the checkout; without it (started from an IDE) the checkout is found from this
     * class's jar or classes folder, which lives in deploy/local/target.
     */
    static Path findRepoRoot() {
        String fromLauncher = System.getProperty("chat.local.root");
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return Path.of(fromLauncher).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(StackSettings.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // target/classes or target/local-stack.jar -> deploy/local/target -> deploy/local -> deploy -> root
            Path target = location.getParent();
            return target.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    Path s3Dir() {
        return dataDir.resolve("s3");
    }

    Path issuerDir() {
        return dataDir.resolve("issuer");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path log(String part) {
        return logsDir().resolve(part + ".log");
    }
}
