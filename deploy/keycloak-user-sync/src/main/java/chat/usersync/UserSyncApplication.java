package chat.usersync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Fills the compacted topic {@code chat.user.v1} from the Keycloak realm, for deployments whose
 * platform does not publish user profiles itself (ADR 0007).
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(SyncSettings.class)
public class UserSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserSyncApplication.class, args);
    }
}
