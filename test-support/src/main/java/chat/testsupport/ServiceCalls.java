package chat.testsupport;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the services' integration tests: calls the service under test as a
 * client of its API does, or as another chat service does with its own token.
 */
public final class ServiceCalls extends JsonCalls<ServiceCalls.Reply> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServiceCalls(IntSupplier port) {
        super(() -> URI.create("http://localhost:" + port.getAsInt()));
    }

    /**
     * The service a {@code @ServiceIntegrationTest} started, on the port it reads at each call,
     * so that a field can hold it before Spring injects the port:
     * {@code final ServiceCalls api = ServiceCalls.onPort(() -> port);}
     */
    public static ServiceCalls onPort(IntSupplier port) {
        return new ServiceCalls(port);
    }

    /** An answer: its status, its headers and its body as text. */
    public record Reply(int status, HttpHeaders headers, String text) {

        /** The body as JSON; a missing node when there was none. */
        public JsonNode body() {
            return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        }

        /** The media type of the body, without its parameters; null when none was said. */
        public @Nullable String mediaType() {
            return headers.firstValue("Content-Type")
                    .map(type -> type.split(";")[0].strip())
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    @Override
    Reply answer(String method, String path, Reply reply) {
        return reply;
    }

    /** A JSON body (or none) with any bearer token, or none: another service's, or a broken one. */
    public Reply withToken(String method, String path, @Nullable String token, @Nullable String json) throws Exception {
        return exchange(method, path, token, json == null ? null : "application/json", utf8(json), Map.of());
    }
}
