package chat.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The set-up a simulation does before its load starts (users, tokens, first messages), over plain
 * {@link HttpClient} calls through the gateway, as a frontend would.
 */
final class ChatApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final URI base;

    ChatApi(URI base) {
        this.base = base;
    }

    record User(long id, String username, String token) {}

    record Pair(User a, User b, long conversation) {}

    record Reply(int status, JsonNode body) {}

    /** Fails at once, with a clear message, when no chat gateway answers at {@link #base}. */
    void requireGateway() {
        Reply reply;
        try {
            reply = call("GET", "/api/users/me/", null, null);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "no chat gateway answers at " + base + " (" + e.getCause() + "): start the stack"
                            + " (deploy/local/run.sh) or give GATEWAY=http://localhost:<port>",
                    e);
        }
        if (reply.status() != 401) {
            throw new IllegalStateException("GET " + base + "/api/users/me/ without a token answered " + reply.status()
                    + ", not 401: is this the chat gateway?");
        }
    }

    /** A user of the development issuer (POST /dev/users/); an existing name gets a fresh token. */
    User register(String username) {
        Reply reply = call("POST", "/dev/users/", null, Map.of("username", username, "first_name", "Load"));
        if (reply.status() != 201 && reply.status() != 200) {
            throw new IllegalStateException("POST /dev/users/ for " + username + " answered " + reply);
        }
        return new User(
                reply.body().path("id").asLong(),
                username,
                reply.body().path("access").asText());
    }

    /**
     * {@code from} sends {@code content} to {@code to} (POST /api/messages/): the 201 body. A user
     * registered a moment ago reaches message-service through Kafka a little later, so a 400 about
     * an unknown recipient is retried for a while.
     */
    JsonNode send(User from, User to, String content) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Reply reply = call("POST", "/api/messages/", from, Map.of("content", content, "recipient_id", to.id()));
            if (reply.status() == 201) {
                return reply.body();
            }
            if (reply.status() != 400 || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST /api/messages/ answered " + reply);
            }
            sleep(100);
        }
    }

    /** {@code count} pairs of fresh users, each pair's conversation started by a first message. */
    List<Pair> pairs(String prefix, int count) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User a = register(prefix + "-a" + i);
            User b = register(prefix + "-b" + i);
            pairs.add(new Pair(a, b, 0));
        }
        List<Pair> started = new ArrayList<>();
        for (Pair pair : pairs) {
            long conversation = send(pair.a(), pair.b(), "load test " + prefix + ": first message")
                    .path("conversation")
                    .asLong();
            started.add(new Pair(pair.a(), pair.b(), conversation));
        }
        return started;
    }

    Reply get(String path, User as) {
        return call("GET", path, as, null);
    }

    Reply call(String method, String path, User as, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (as != null) {
                request.header("Authorization", "Bearer " + as.token());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json;
            try {
                json = JSON.readTree(text == null || text.isBlank() ? "{}" : text);
            } catch (IOException e) {
                json = JSON.getNodeFactory().textNode(text);
            }
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + base.resolve(path) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
