package chat.systemtests;

import chat.testsupport.Multipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API as a frontend calls it, through the running stack's gateway. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong NAMES = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    private final HttpClient http = HttpClient.newHttpClient();
    private final RunningStack stack;

    Api(RunningStack stack) {
        this.stack = stack;
    }

    /** A new user of the development issuer, with their token; the name is made unique. */
    Member register(String name, boolean staff) throws Exception {
        return register(name, staff, "/dev/users/");
    }

    /** A new user whose token expires after {@code tokenLifetime}. */
    Member register(String name, Duration tokenLifetime) throws Exception {
        return register(name, false, "/dev/users/?expires_in=" + tokenLifetime.toSeconds());
    }

    private Member register(String name, boolean staff, String path) throws Exception {
        String username = name + "-" + NAMES.incrementAndGet();
        Reply created = call(
                "POST",
                path,
                null,
                JSON.writeValueAsString(Map.of("username", username, "first_name", name, "is_staff", staff)),
                Map.of());
        if (created.status() != 201) {
            throw new IllegalStateException("cannot register " + username + ": " + created);
        }
        return new Member(
                created.body().path("id").asLong(),
                username,
                created.body().path("access").asString());
    }

    Reply call(String method, String path, @Nullable Member as, @Nullable String body) throws Exception {
        return call(method, path, as, body, Map.of());
    }

    Reply call(String method, String path, @Nullable Member as, @Nullable String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Reply(response.statusCode(), JSON.readTree(text == null || text.isBlank() ? "{}" : text));
    }

    /** A multipart upload of one file in the field {@code file}. */
    Reply upload(String path, Member as, String fileName, byte[] content) throws Exception {
        Multipart form = Multipart.file("file", fileName, content);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.uri(path))
                        .header("Authorization", "Bearer " + as.token())
                        .header("Content-Type", form.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body().isBlank() ? "{}" : response.body()));
    }

    /** What a browser gets from a link, without any credentials. */
    HttpResponse<byte[]> download(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Reply get(String path, Member as) throws Exception {
        return call("GET", path, as, null);
    }

    /**
     * alice sends {@code content} to {@code to}: the 201 body. A user registered a moment ago
     * reaches message-service's user directory through {@code chat.user.v1}, a few milliseconds
     * later on a busy machine; until then the recipient is unknown, so that answer is retried.
     */
    JsonNode send(Member from, Member to, String content) throws Exception {
        String body = JSON.writeValueAsString(Map.of("content", content, "recipient_id", to.id()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Reply sent = call("POST", "/api/messages/", from, body);
        while (sent.status() == 400
                && sent.body().path("detail").asString().contains("No user with id")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            sent = call("POST", "/api/messages/", from, body);
        }
        if (sent.status() != 201) {
            throw new IllegalStateException("send failed: " + sent);
        }
        return sent.body();
    }

    URI uri(String path) {
        return stack.uri(path);
    }

    record Member(long id, String username, String token) {}

    record Reply(int status, JsonNode body) {
        String detail() {
            return body.path("detail").asString("");
        }
    }
}
