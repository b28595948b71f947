package chat.testsupport;

import chat.keycloak.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test does with a running Keycloak as its administrator would (users, their attributes and
 * roles, through the admin REST API of the master realm's administrator) and as its clients
 * would (the password grant of the test client {@code chat-test}, client credentials).
 */
public final class KeycloakRealm {

    public static final String TEST_CLIENT = "chat-test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI baseUri;

    public KeycloakRealm(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** A new user of the realm {@code chat}; {@code userId} null leaves the attribute out. Returns Keycloak's id. */
    public String createUser(
            String username, String firstName, String lastName, @Nullable Long userId, @Nullable String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        if (userId != null) {
            user.put("attributes", Map.of("user_id", List.of(Long.toString(userId))));
        }
        if (password != null) {
            user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        }
        HttpResponse<String> created = admin("POST", "/users", JSON.writeValueAsString(user));
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "cannot create " + username + ": " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Replaces a user's names and attributes, as an administrator editing the profile would. */
    public void updateUser(
            String keycloakUserId, String firstName, String lastName, Map<String, List<String>> attributes) {
        Map<String, Object> user = Map.of("firstName", firstName, "lastName", lastName, "attributes", attributes);
        HttpResponse<String> updated = admin("PUT", "/users/" + keycloakUserId, JSON.writeValueAsString(user));
        if (updated.statusCode() != 204) {
            throw new IllegalStateException(
                    "cannot update " + keycloakUserId + ": " + updated.statusCode() + " " + updated.body());
        }
    }

    /** Gives a user a realm role, such as {@code chat-admin}. */
    public void grantRealmRole(String keycloakUserId, String role) {
        HttpResponse<String> found = admin("GET", "/roles/" + role, null);
        if (found.statusCode() != 200) {
            throw new IllegalStateException("no realm role " + role + ": " + found.body());
        }
        HttpResponse<String> granted =
                admin("POST", "/users/" + keycloakUserId + "/role-mappings/realm", "[" + found.body() + "]");
        if (granted.statusCode() != 204) {
            throw new IllegalStateException(
                    "cannot grant " + role + ": " + granted.statusCode() + " " + granted.body());
        }
    }

    /** An access token of the realm {@code chat} for a user, by the password grant of {@value #TEST_CLIENT}. */
    public String passwordToken(String username, String password) {
        return token(
                KeycloakServer.REALM,
                Map.of("grant_type", "password", "client_id", TEST_CLIENT, "username", username, "password", password));
    }

    /** A client's own access token of the realm {@code chat} (client credentials). */
    public String clientToken(String clientId, String secret) {
        return token(
                KeycloakServer.REALM,
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A token of the master realm's administrator: valid, but of another issuer than the chat's. */
    public String masterAdminToken() {
        return token(
                "master",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN_USERNAME,
                        "password",
                        KeycloakServer.ADMIN_PASSWORD));
    }

    private HttpResponse<String> admin(String method, String path, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUri + "/admin/realms/" + KeycloakServer.REALM + path))
                .header("Authorization", "Bearer " + masterAdminToken())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(URI.create(baseUri + "/realms/" + realm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "no token from realm " + realm + ": " + answer.statusCode() + " " + answer.body());
        }
        JsonNode token = JSON.readTree(answer.body());
        return token.path("access_token").asString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + baseUri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
