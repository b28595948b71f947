package chat.devissuer;

import chat.common.users.UserProfile;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token issuer for development and tests, shaped like the Keycloak realm {@code chat}: the same
 * paths for its JWKS and discovery document, RS256 tokens with the same claims ({@code user_id}
 * as a number, {@code preferred_username}, {@code given_name}, {@code family_name},
 * {@code picture}, {@code realm_access.roles}), so that a service configured for it is configured
 * exactly as for Keycloak. It must never be deployed: it hands a token to anyone who asks.
 */
public final class DevTokenIssuer implements AutoCloseable {

    public static final String REALM_PATH = "/realms/chat";
    public static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    public static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";
    public static final String STAFF_ROLE = "chat-admin";
    /** The realm role of the chat services' own clients. */
    public static final String SERVICE_ROLE = "chat-service";
    /** The one client secret the development issuer accepts, for any service's client id. */
    public static final String SERVICE_CLIENT_SECRET = "chat-dev-service-secret";

    private static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** The longest {@code expires_in} a registration may ask for: a day. */
    static final int MAX_EXPIRES_IN_SECONDS = 86_400;

    private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

    private final IssuerSettings settings;
    private final RSAKey key;
    private final JsonMapper json = JsonMapper.builder().build();
    private final DevUsers users;
    private final @Nullable ProfileFeed feed;
    private final HttpServer server;
    private final URI baseUri;

    private DevTokenIssuer(IssuerSettings settings) throws IOException {
        this.settings = settings;
        this.key = SigningKey.loadOrCreate(settings.stateDir());
        this.users = new DevUsers(settings.stateDir(), json);
        this.feed = settings.kafkaBootstrapServers() == null
                ? null
                : new ProfileFeed(settings.kafkaBootstrapServers(), json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
        this.baseUri = URI.create("http://localhost:" + server.getAddress().getPort());
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static DevTokenIssuer start(IssuerSettings settings) {
        try {
            return new DevTokenIssuer(settings);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the development token issuer", e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The {@code iss} of every token, and what a resource server is configured to expect. */
    public URI issuer() {
        return baseUri.resolve(REALM_PATH);
    }

    public URI jwkSetUri() {
        return baseUri.resolve(JWKS_PATH);
    }

    /** Registers (or updates) a user as {@code POST /dev/users/} does, publishing the profile. */
    public DevUser register(String username, boolean staff) {
        try {
            JsonNode body = json.createObjectNode().put("username", username).put("is_staff", staff);
            return register(DevUserRequest.parse(body));
        } catch (DevUserRequest.InvalidRequest e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A valid token for a user who need not be registered (the feed then knows nothing of them). */
    public String tokenFor(long userId, String username, boolean staff) {
        UserProfile profile = new UserProfile(userId, username, "", "", null, 0, null, null, null);
        return tokenFor(new DevUser(profile, staff));
    }

    public String tokenFor(DevUser user) {
        return sign(claimsFor(user).build());
    }

    /** The claims of a realm access token for {@code user}; tests derive broken tokens from them. */
    public JWTClaimsSet.Builder claimsFor(DevUser user) {
        Instant now = Instant.now();
        UserProfile profile = user.profile();
        List<String> roles = new ArrayList<>(List.of("default-roles-chat", "offline_access"));
        if (user.staff()) {
            roles.add(STAFF_ROLE);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .subject(UUID.nameUUIDFromBytes(("chat-user:" + profile.id()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .audience("account")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.tokenLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", "chat-frontend")
                .claim("scope", "openid profile")
                .claim("user_id", profile.id())
                .claim("preferred_username", profile.username())
                .claim("given_name", profile.firstName())
                .claim("family_name", profile.lastName())
                .claim("name", (profile.firstName() + " " + profile.lastName()).trim())
                .claim("realm_access", Map.of("roles", roles));
        if (profile.profilePicture() != null) {
            claims.claim("picture", profile.profilePicture());
        }
        return claims;
    }

    /** A chat service's own token (client credentials), as Keycloak issues to its service account. */
    public String serviceToken(String clientId) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .subject(UUID.nameUUIDFromBytes(("chat-client:" + clientId).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(SERVICE_TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", clientId)
                .claim("clientId", clientId)
                .claim("realm_access", Map.of("roles", List.of(SERVICE_ROLE)))
                .build());
    }

    /** Signs any claims with the issuer's key. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private DevUser register(DevUserRequest request) {
        DevUser user = users.register(request);
        if (feed != null) {
            feed.publish(user.profile());
        }
        return user;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case JWKS_PATH -> onlyGet(exchange, method, () -> SigningKey.publicJwks(key));
                case REALM_PATH + "/.well-known/openid-configuration" ->
                    onlyGet(exchange, method, () -> json.writeValueAsString(discovery()));
                case "/health" -> onlyGet(exchange, method, () -> "{\"status\":\"UP\"}");
                case TOKEN_PATH -> {
                    if ("POST".equals(method)) {
                        clientCredentials(exchange);
                    } else {
                        problem(exchange, 405, "Method \"" + method + "\" not allowed.", null);
                    }
                }
                case "/dev/users/", "/dev/users" -> {
                    if ("POST".equals(method)) {
                        registerOverHttp(exchange);
                    } else {
                        problem(exchange, 405, "Method \"" + method + "\" not allowed.", null);
                    }
                }
                default -> problem(exchange, 404, "Not found.", null);
            }
        } catch (RuntimeException e) {
            log.error("Development issuer failed on {}", exchange.getRequestURI(), e);
            problem(exchange, 500, "An unexpected error occurred.", null);
        }
    }

    private static @Nullable String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * {@code POST /dev/users/}; {@code ?expires_in=N} mints a token that expires after N seconds
     * instead of the usual lifetime, to try what a client does when its token runs out.
     */
    private void registerOverHttp(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            problem(exchange, 415, "Send the user as application/json.", null);
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in.readNBytes(64 * 1024));
        } catch (JacksonException e) {
            problem(exchange, 400, "The request body is not valid JSON.", null);
            return;
        }
        DevUserRequest request;
        try {
            request = DevUserRequest.parse(body);
        } catch (DevUserRequest.InvalidRequest invalid) {
            problem(exchange, 400, invalid.getMessage(), invalid.errors);
            return;
        }
        Duration lifetime = settings.tokenLifetime();
        String expiresIn = queryParameter(exchange, "expires_in");
        if (expiresIn != null) {
            if (!expiresIn.matches("[1-9][0-9]{0,4}") || Integer.parseInt(expiresIn) > MAX_EXPIRES_IN_SECONDS) {
                problem(
                        exchange,
                        400,
                        "'expires_in' must be a whole number of seconds from 1 to " + MAX_EXPIRES_IN_SECONDS + ".",
                        null);
                return;
            }
            lifetime = Duration.ofSeconds(Integer.parseInt(expiresIn));
        }
        DevUser user = register(request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", user.id());
        answer.put("username", user.profile().username());
        answer.put(
                "access",
                sign(claimsFor(user)
                        .expirationTime(Date.from(Instant.now().plus(lifetime)))
                        .build()));
        send(exchange, 201, "application/json", json.writeValueAsString(answer));
    }

    /**
     * The client-credentials grant of the realm's token endpoint, for the services' calls to each
     * other's internal APIs. The client authenticates with HTTP Basic or form parameters.
     */
    private void clientCredentials(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = new String(
                            Base64.getDecoder()
                                    .decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8)
                    .split(":", 2);
            form.put("client_id", URLDecoder.decode(credentials[0], StandardCharsets.UTF_8));
            form.put(
                    "client_secret",
                    credentials.length > 1 ? URLDecoder.decode(credentials[1], StandardCharsets.UTF_8) : "");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isBlank() || !SERVICE_CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", serviceToken(clientId));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", SERVICE_TOKEN_LIFETIME.toSeconds());
        send(exchange, 200, "application/json", json.writeValueAsString(answer));
    }

    private Map<String, Object> discovery() {
        return Map.of(
                "issuer", issuer().toString(),
                "jwks_uri", jwkSetUri().toString(),
                "token_endpoint", baseUri.resolve(TOKEN_PATH).toString(),
                "id_token_signing_alg_values_supported", List.of("RS256"));
    }

    private void onlyGet(HttpExchange exchange, String method, java.util.function.Supplier<String> body)
            throws IOException {
        if ("GET".equals(method)) {
            send(exchange, 200, "application/json", body.get());
        } else {
            problem(exchange, 405, "Method \"" + method + "\" not allowed.", null);
        }
    }

    private void problem(HttpExchange exchange, int status, String detail, @Nullable Map<String, List<String>> errors)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        send(exchange, status, "application/problem+json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        if (feed != null) {
            feed.close();
        }
    }
}
