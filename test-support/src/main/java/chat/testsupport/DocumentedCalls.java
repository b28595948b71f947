package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running service for real and holds every answer against its OpenAPI document as it
 * arrives (see {@link ApiDocument#disagreements}); remembers which operations answered a 2xx, so
 * that a test can tell which ones it never saw succeed.
 */
public final class DocumentedCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final ApiDocument document;
    private final Set<String> succeeded = new TreeSet<>();

    public DocumentedCalls(URI base, ApiDocument document) {
        this.base = base;
        this.document = document;
    }

    /** An answer: its status and its body ({@code MissingNode} when it had none). */
    public record Reply(int status, JsonNode body) {}

    public Reply get(String path, @Nullable TestUser as) throws Exception {
        return call("GET", path, as, null, Map.of());
    }

    /** A JSON body (or none), with the caller's token when there is a caller. */
    public Reply call(String method, String path, @Nullable TestUser as, @Nullable String json) throws Exception {
        return call(method, path, as, json, Map.of());
    }

    public Reply call(
            String method, String path, @Nullable TestUser as, @Nullable String json, Map<String, String> headers)
            throws Exception {
        return send(
                method,
                path,
                as,
                json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    public Reply upload(String path, TestUser as, Multipart form) throws Exception {
        return send("POST", path, as, form.contentType(), form.body(), Map.of());
    }

    /** Any body of any type, as sent. */
    public Reply send(
            String method,
            String path,
            @Nullable TestUser as,
            @Nullable String contentType,
            byte @Nullable [] body,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (as != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(as));
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode parsed = text == null || text.isEmpty() ? null : JSON.readTree(text);
        String mediaType = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip())
                .orElse(null);
        assertThat(document.disagreements(method, path, response.statusCode(), mediaType, parsed))
                .as("%s %s answered %d %s", method, path, response.statusCode(), text)
                .isEmpty();
        if (response.statusCode() / 100 == 2) {
            document.operation(method, path).ifPresent(op -> succeeded.add(op.key()));
        }
        return new Reply(response.statusCode(), parsed == null ? JSON.missingNode() : parsed);
    }

    /** The documented operations that no call so far saw succeed. */
    public Set<String> neverSucceeded() {
        Set<String> missing = new TreeSet<>(document.operations());
        missing.removeAll(succeeded);
        return missing;
    }
}
