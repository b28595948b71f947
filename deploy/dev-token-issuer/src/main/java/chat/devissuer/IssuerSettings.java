package chat.devissuer;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the development issuer runs.
 *
 * @param port the HTTP port, 0 for any free one
 * @param stateDir where the signing key and the registered users are kept across restarts; null
 *     keeps them in memory only (tests)
 * @param kafkaBootstrapServers where registered profiles are published on {@code chat.user.v1};
 *     null publishes nothing
 * @param tokenLifetime how long a minted token is valid
 */
public record IssuerSettings(
        int port, @Nullable Path stateDir, @Nullable String kafkaBootstrapServers, Duration tokenLifetime) {

    public static IssuerSettings inMemory() {
        return new IssuerSettings(0, null, null, Duration.ofHours(1));
    }
}
