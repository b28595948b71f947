package chat.realtime.sockets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing where conversation-service and message-service would, for their
 * internal APIs: every conversation has {@code participants}, and every message this service
 * sends on a socket's behalf is kept as it arrived, so a test sees exactly what got through.
 */
final class PeerServices implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();

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
                byte[] answer;
                if ("GET".equals(exchange.getRequestMethod()) && path.length == 4) {
                    answer = JSON.writeValueAsBytes(Map.of("id", conversation, "participants", participants));
                } else if ("POST".equals(exchange.getRequestMethod())
                        && path.length == 5
                        && path[4].equals("messages")) {
                    sent.add(JSON.readTree(exchange.getRequestBody()));
                    answer = "{}".getBytes(StandardCharsets.UTF_8);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next message sent to message-service (its {@code user_id}, {@code content}, ...), or null. */
    @Nullable
    JsonNode nextSent(Duration wait) throws InterruptedException {
        return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
