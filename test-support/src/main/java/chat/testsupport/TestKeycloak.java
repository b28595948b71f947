package chat.testsupport;

import chat.keycloak.KeycloakServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Keycloak with the realm {@code chat}, started once per test JVM (about 15 s) and stopped
 * when the JVM ends. Its log is {@code target/keycloak.log} of the module under test.
 */
public final class TestKeycloak {

    private static volatile KeycloakServer server;

    private TestKeycloak() {}

    public static KeycloakServer get() {
        KeycloakServer current = server;
        if (current == null) {
            synchronized (TestKeycloak.class) {
                if (server == null) {
                    server = start();
                }
                current = server;
            }
        }
        return current;
    }

    /** The admin API and token endpoints of the running server. */
    public static KeycloakRealm realm() {
        return new KeycloakRealm(get().baseUri());
    }

    private static KeycloakServer start() {
        Path moduleDir = Path.of("").toAbsolutePath();
        KeycloakServer started = KeycloakServer.start(
                KeycloakServer.findRepoRoot(moduleDir),
                ChatInfrastructure.freePort(),
                moduleDir.resolve("target/keycloak.log"));
        ChatInfrastructure.stopAtExit("Keycloak", started);
        try {
            return started.awaitReady(Duration.ofMinutes(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new IllegalStateException("Interrupted while Keycloak was starting", e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }
}
