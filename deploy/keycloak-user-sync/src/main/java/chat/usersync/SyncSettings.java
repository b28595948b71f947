package chat.usersync;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the realm is and how often it is read.
 *
 * @param keycloakUrl Keycloak's base URL as this process reaches it (may be an internal address)
 * @param realm the realm whose users are published
 * @param interval the pause between the end of one run and the start of the next
 * @param pageSize users asked for per admin API call
 */
@ConfigurationProperties("chat.user-sync")
record SyncSettings(URI keycloakUrl, String realm, Duration interval, int pageSize) {}
