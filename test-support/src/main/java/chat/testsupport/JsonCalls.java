package chat.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The calls a test makes of a service over real HTTP: JSON bodies (or any body), the bearer token
 * of a {@link TestUser} when there is one, extra headers. {@code R} is what an answer becomes:
 * {@link ServiceCalls} hands it over as it came, {@link DocumentedCalls} after holding it against
 * the service's OpenAPI document.
 */
public abstract class JsonCalls<R> {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Supplier<URI> base;

    JsonCalls(Supplier<URI> base) {
        this.base = base;
    }

    /** What an answer to {@code method path} becomes. */
    abstract R answer(String method, String path, ServiceCalls.Reply reply);

    public URI uri(String path) {
        return base.get().resolve(path);
    }

    public R get(String path, @Nullable TestUser as) throws Exception {
        return call("GET", path, as, null, Map.of());
    }

    /** A JSON body (or none), with the caller's token when there is a caller. */
    public R call(String method, String path, @Nullable TestUser as, @Nullable String json) throws Exception {
        return call(method, path, as, json, Map.of());
    }

    public R call(String method, String path, @Nullable TestUser as, @Nullable String json, Map<String, String> headers)
            throws Exception {
        return send(method, path, as, json == null ? null : "application/json", utf8(json), headers);
    }

    /** A multipart form, such as a file upload. */
    public R upload(String path, @Nullable TestUser as, Multipart form) throws Exception {
        return send("POST", path, as, form.contentType(), form.body(), Map.of());
    }

    /** Any body of any type, as sent. */
    public R send(
            String method,
            String path,
            @Nullable TestUser as,
            @Nullable String contentType,
            byte @Nullable [] body,
            Map<String, String> headers)
            throws Exception {
        String token = as == null ? null : TestTokens.of(as);
        return answer(method, path, exchange(method, path, token, contentType, body, headers));
    }

    final ServiceCalls.Reply exchange(
            String method,
            String path,
            @Nullable String token,
            @Nullable String contentType,
            byte @Nullable [] body,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new ServiceCalls.Reply(response.statusCode(), response.headers(), text == null ? "" : text);
    }

    static byte @Nullable [] utf8(@Nullable String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
