package chat.gateway;

import chat.common.web.ProblemWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/docs}: the API's OpenAPI document, merged at request time from the services'
 * own ({@code /v3/api-docs}, generated from their code) and, where the development issuer is
 * routed, the document of its {@code POST /dev/users/}. A complete merge is kept for a minute;
 * while a service cannot be reached the document leaves its operations out and says so, and is
 * fetched afresh a few seconds later; with no service reachable it is a 503.
 */
final class ApiDocs {

    static final String SERVICE_DOCUMENT = "/v3/api-docs";
    static final Duration COMPLETE_FOR = Duration.ofMinutes(1);
    static final Duration PARTIAL_FOR = Duration.ofSeconds(5);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(ApiDocs.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, URI> services;
    private final @Nullable JsonNode devIssuer;
    private final WebClient http;
    private final Clock clock;
    private volatile @Nullable Merged cached;

    private record Merged(byte[] body, Instant until) {}

    ApiDocs(GatewaySettings settings, WebClient http, Clock clock) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("conversation-service", settings.conversationService());
        services.put("message-service", settings.messageService());
        services.put("attachment-service", settings.attachmentService());
        this.services = services;
        this.devIssuer = settings.devIssuer() == null ? null : read(new ClassPathResource("api-docs/dev-users.json"));
        this.http = http;
        this.clock = clock;
    }

    Mono<ServerResponse> document(ServerRequest request) {
        Merged current = cached;
        if (current != null && clock.instant().isBefore(current.until())) {
            return answer(current.body());
        }
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> fetch(service.getKey(), service.getValue()))
                .collectList()
                .flatMap(fetched -> {
                    List<ApiDocsMerge.Source> sources = new ArrayList<>();
                    List<String> unavailable = new ArrayList<>();
                    fetched.forEach(result -> {
                        if (result.document() == null) {
                            unavailable.add(result.name());
                        } else {
                            sources.add(new ApiDocsMerge.Source(result.name(), result.document()));
                        }
                    });
                    if (sources.isEmpty()) {
                        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                                .contentType(MediaType.parseMediaType(ProblemWriter.CONTENT_TYPE))
                                .header("Retry-After", "5")
                                .bodyValue(ProblemWriter.body(
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        "No service's API document could be fetched: " + String.join(", ", unavailable)
                                                + " did not answer; try again shortly."));
                    }
                    if (devIssuer != null) {
                        sources.add(new ApiDocsMerge.Source("dev-token-issuer", devIssuer));
                    }
                    byte[] body = JSON.writeValueAsBytes(ApiDocsMerge.merge(sources, unavailable));
                    cached = new Merged(body, clock.instant().plus(unavailable.isEmpty() ? COMPLETE_FOR : PARTIAL_FOR));
                    return answer(body);
                });
    }

    private record Fetched(String name, @Nullable JsonNode document) {}

    private Mono<Fetched> fetch(String name, URI service) {
        return http.get()
                .uri(service.resolve(SERVICE_DOCUMENT))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(FETCH_TIMEOUT)
                .map(bytes -> new Fetched(name, JSON.readTree(bytes)))
                .onErrorResume(failure -> {
                    log.warn("API document of {} not available: {}", name, failure.toString());
                    return Mono.just(new Fetched(name, null));
                });
    }

    private static Mono<ServerResponse> answer(byte[] body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    // ---- Swagger UI

    /** The files of the webjar that the page loads; its own sample page and initializer are not served. */
    private static final Set<String> UI_FILES = Set.of(
            "swagger-ui.css",
            "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js",
            "favicon-32x32.png",
            "favicon-16x16.png");

    static Mono<ServerResponse> ui(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .bodyValue(new ClassPathResource("api-docs/ui.html"));
    }

    /** A file of the Swagger UI webjar, by the version that is on the classpath. */
    static Mono<Resource> uiFile(ServerRequest request) {
        String path = request.path();
        String name = path.startsWith(ApiDocsRoutes.UI) ? path.substring(ApiDocsRoutes.UI.length()) : "";
        if (!UI_FILES.contains(name)) {
            return Mono.empty();
        }
        return Mono.just(
                new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + SwaggerUi.VERSION + "/" + name));
    }

    static final class SwaggerUi {
        static final String VERSION = version();

        private static String version() {
            Properties properties = new Properties();
            try (InputStream in =
                    new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Swagger UI's webjar is not on the classpath", e);
            }
            return properties.getProperty("version");
        }
    }

    private static JsonNode read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
