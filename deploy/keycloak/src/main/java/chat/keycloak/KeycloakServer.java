package chat.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real Keycloak, started from the distribution that Maven unpacked into this module's target
 * folder, with the realm {@code chat} imported from {@code deploy/keycloak/chat-realm.json}: the
 * one way the local stack and the tests run it. Development mode with an in-memory database, so
 * every start begins from the realm file alone. Never a deployment: those run Keycloak's image.
 *
 * <p>The hostname is fixed to {@code http://localhost:<port>} so that every token carries the same
 * {@code iss}, whichever address a client used to reach the server.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "chat";
    /** The bootstrap administrator of the master realm; local only, the database dies with the process. */
    public static final String ADMIN_USERNAME = "admin";

    public static final String ADMIN_PASSWORD = "admin";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.baseUri = URI.create("http://localhost:" + port);
        this.log = log;
    }

    /** The Keycloak version this module unpacks. */
    public static String version() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path realmFile(Path repoRoot) {
        return repoRoot.resolve("deploy/keycloak/chat-realm.json");
    }

    /** Where the build unpacks the distribution ({@code mvn -pl deploy/keycloak package}). */
    public static Path distribution(Path repoRoot) {
        return repoRoot.resolve("deploy/keycloak/target/keycloak-" + version());
    }

    /** The checkout holding {@code from}: the nearest folder upwards with the realm file. */
    public static Path findRepoRoot(Path from) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(realmFile(dir))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/keycloak/chat-realm.json in " + from + " or above it");
    }

    /**
     * Starts Keycloak on {@code port} of the loopback interface, its output appended to {@code log},
     * and returns at once; {@link #awaitReady} waits for the realm. Keycloak runs on the JDK of this
     * JVM (21 or newer).
     */
    public static KeycloakServer start(Path repoRoot, int port, Path log) {
        Path home = distribution(repoRoot);
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; build it with: (cd " + repoRoot
                    + " && mvn -B -q -pl deploy/keycloak package)");
        }
        try {
            // --import-realm reads the data/import folder of the distribution; the realm file is
            // copied there on every start so that an edited realm file is what runs.
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile(repoRoot), imports.resolve("chat-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(
                    "bash",
                    script.toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--db=dev-mem",
                    "--import-realm",
                    "--hostname=http://localhost:" + port));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // Its own JAVA_OPTS would otherwise be replaced by whatever the caller's environment has.
            builder.environment().remove("JAVA_OPTS");
            Process process = builder.start();
            process.getOutputStream().close();
            return new KeycloakServer(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak: " + e.getMessage(), e);
        }
    }

    /** Waits until the realm answers, failing early when the process ends. */
    public KeycloakServer awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!isReady()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code " + process.exitValue() + " while starting; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Keycloak did not answer within " + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(250);
        }
        return this;
    }

    /** Whether the realm's discovery document answers, which Keycloak serves only once imported. */
    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            issuer().resolve(issuer().getPath() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** What clients and the admin console use: {@code http://localhost:<port>}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The {@code iss} of the realm's tokens. */
    public URI issuer() {
        return URI.create(baseUri + "/realms/" + REALM);
    }

    public URI jwkSetUri() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    public URI tokenUri() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    /**
     * Asks Keycloak and anything it started to stop, and kills what is left after a grace period.
     * Descendants are collected first: once their parent is gone they can no longer be found.
     */
    @Override
    public void close() {
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(process.toHandle());
        process.descendants().forEach(handles::add);
        handles.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ProcessHandle handle : handles) {
            waitFor(handle, Duration.between(Instant.now(), deadline));
        }
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                waitFor(handle, Duration.ofSeconds(5));
            }
        }
    }

    private static void waitFor(ProcessHandle handle, @Nullable Duration time) {
        if (time == null || time.isNegative()) {
            return;
        }
        try {
            handle.onExit().get(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Still running: the caller kills it.
        }
    }
}
