package chat.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing where a service would, answering with what reached it: which
 * service it is, the method, path, headers and body length. It shows what the gateway forwards.
 */
final class EchoService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;

    EchoService(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                long length = exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("service", name);
                echo.put("method", exchange.getRequestMethod());
                echo.put("path", exchange.getRequestURI().getRawPath());
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders()
                        .forEach((header, values) -> headers.put(header.toLowerCase(), String.join(",", values)));
                echo.put("headers", headers);
                echo.put("body_length", length);
                byte[] body = JSON.writeValueAsString(echo).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
