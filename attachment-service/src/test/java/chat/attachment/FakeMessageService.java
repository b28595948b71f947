package chat.attachment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * message-service's internal API for one message ({@code GET /internal/messages/{id}}) as its
 * contract describes it, over real HTTP, for attachment-service's own tests, and the
 * {@code POST /internal/events/{topic}} that message-service and conversation-service take events
 * written through on (recorded). The system tests run attachment-service against the real
 * services.
 */
final class FakeMessageService implements AutoCloseable {

    private final HttpServer server;
    private final Map<Long, String> messages = new ConcurrentHashMap<>();
    /** The bodies written through to {@code /internal/events/{topic}}, with their paths. */
    final List<String> pushed = new CopyOnWriteArrayList<>();

    FakeMessageService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/messages", this::handle);
        server.createContext("/internal/events", this::events);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void message(long id, long conversation, long sender, long recipient, boolean deleted) {
        messages.put(
                id,
                "{\"id\":%d,\"conversation\":%d,\"sender\":%d,\"recipient\":%d,\"is_deleted\":%b}"
                        .formatted(id, conversation, sender, recipient, deleted));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = exchange.getRequestHeaders().getFirst("Authorization") == null
                    ? null
                    : messages.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            byte[] bytes = (body == null ? "{\"detail\":\"Not found.\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean serviceToken = exchange.getRequestHeaders().getFirst("Authorization") != null;
            pushed.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(serviceToken ? 204 : 401, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
