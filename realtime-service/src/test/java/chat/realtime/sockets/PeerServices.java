package chat.realtime.sockets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing where conversation-service and message-service would, for their
 * internal APIs: every conversation has {@code participants}, and every message this service
 * sends on a socket's behalf is kept as it arrived, so a test sees exactly what got through.
 * Sends are stored under the next id (a retried {@code client_id} under its first one); edits and
 * deletes succeed, unless a test told a message's edits and deletes to be refused with a status,
 * as message-service refuses them. The event log answers 404: a resuming socket is told to resync.
 */
final class PeerServices implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Long> byClientId = new ConcurrentHashMap<>();
    private final Map<Long, Refusal> refusals = new ConcurrentHashMap<>();
    private volatile @Nullable Refusal sendRefusal;

    PeerServices(List<Long> participants) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/conversations/", exchange -> {
            try (exchange) {
                String[] path = exchange.getRequestURI().getPath().split("/");
                long conversation = Long.parseLong(path[3]);
                boolean post = "POST".equals(exchange.getRequestMethod());
                if (!post && path.length == 4) {
                    answer(exchange, 200, Map.of("id", conversation, "participants", participants));
                } else if (post && path.length == 5 && path[4].equals("messages")) {
                    send(exchange);
                } else if (post && path.length == 7 && path[4].equals("messages")) {
                    change(exchange, Long.parseLong(path[5]));
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        Refusal refusal = sendRefusal;
        if (refusal != null) {
            problem(exchange, refusal);
            return;
        }
        sent.add(body);
        long id = body.path("client_id").isString()
                ? byClientId.computeIfAbsent(body.path("client_id").stringValue(), c -> ids.incrementAndGet())
                : ids.incrementAndGet();
        answer(exchange, 201, Map.of("id", id));
    }

    private void change(HttpExchange exchange, long message) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Refusal refusal = refusals.get(message);
        if (refusal != null) {
            problem(exchange, refusal);
        } else {
            answer(exchange, 200, Map.of("id", message));
        }
    }

    private static void problem(HttpExchange exchange, Refusal refusal) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", refusal.status());
        if (refusal.detail() != null) {
            body.put("detail", refusal.detail());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.sendResponseHeaders(refusal.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Edits and deletes of {@code message} are refused from now on, as message-service would. */
    void refuseChanges(long message, int status, @Nullable String detail) {
        refusals.put(message, new Refusal(status, detail));
    }

    /** Sends are refused with {@code status} from now on; null takes them again. */
    void refuseSends(@Nullable Integer status) {
        sendRefusal = status == null ? null : new Refusal(status, null);
    }

    /** The next message sent to message-service (its {@code user_id}, {@code content}, ...), or null. */
    @Nullable
    JsonNode nextSent(Duration wait) throws InterruptedException {
        return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets what earlier tests sent. */
    void forgetSent() {
        sent.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Refusal(int status, @Nullable String detail) {}
}
