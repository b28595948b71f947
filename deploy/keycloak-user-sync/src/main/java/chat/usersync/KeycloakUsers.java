package chat.usersync;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * Reads every user of the realm through Keycloak's admin REST API, a page at a time, with the
 * sync's own client-credentials token (its service account holds realm-management's
 * {@code view-users}, which is all it can do).
 */
class KeycloakUsers {

    private static final ParameterizedTypeReference<List<KeycloakUser>> PAGE = new ParameterizedTypeReference<>() {};

    private final RestClient admin;
    private final String realm;
    private final int pageSize;

    KeycloakUsers(RestClient admin, String realm, int pageSize) {
        this.admin = admin;
        this.realm = realm;
        this.pageSize = pageSize;
    }

    List<KeycloakUser> all() {
        List<KeycloakUser> users = new ArrayList<>();
        for (int first = 0; ; first += pageSize) {
            int from = first;
            // briefRepresentation=false: the brief form leaves the attributes out.
            List<KeycloakUser> page = admin.get()
                    .uri(uri -> uri.path("/admin/realms/{realm}/users")
                            .queryParam("first", from)
                            .queryParam("max", pageSize)
                            .queryParam("briefRepresentation", false)
                            .build(realm))
                    .retrieve()
                    .body(PAGE);
            if (page == null || page.isEmpty()) {
                return users;
            }
            users.addAll(page);
            if (page.size() < pageSize) {
                return users;
            }
        }
    }
}
