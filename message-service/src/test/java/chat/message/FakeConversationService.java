package chat.message;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * conversation-service's internal API as its contract describes it (find-or-create a pair's
 * conversation, a conversation's participants, taking written-through events), over real HTTP,
 * for message-service's own tests: one per test JVM, which every test class marked
 * {@link WithFakeConversationService} is wired to. The system tests run message-service against
 * the real conversation-service.
 */
final class FakeConversationService {

    private static final FakeConversationService SHARED = new FakeConversationService();

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(50_000);
    private final Map<String, Long> byPair = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> participants = new ConcurrentHashMap<>();
    final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What was written through to {@code POST /internal/events/{topic}}, in arrival order. */
    final List<Pushed> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How {@code /internal/events} answers: 204, or an error to see the writer carry on. */
    volatile int eventsStatus = 204;

    /** The one the services of this JVM's tests call; it runs until the JVM ends. */
    static FakeConversationService shared() {
        return SHARED;
    }

    private FakeConversationService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/conversations", this::handle);
        server.createContext("/internal/events", this::events);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod())) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                long a = body.path("participants").get(0).asLong();
                long b = body.path("participants").get(1).asLong();
                List<Long> pair = List.of(Math.min(a, b), Math.max(a, b));
                boolean[] created = {false};
                long id = byPair.computeIfAbsent(pair.toString(), k -> {
                    created[0] = true;
                    long next = ids.incrementAndGet();
                    participants.put(next, pair);
                    return next;
                });
                send(exchange, created[0] ? 201 : 200, answer(id));
                return;
            }
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            if (participants.containsKey(id)) {
                send(exchange, 200, answer(id));
            } else {
                send(exchange, 404, "{\"detail\":\"Not found.\"}");
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            pushed.add(new Pushed(
                    exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    json.readTree(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(eventsStatus, -1);
        }
    }

    record Pushed(String path, String authorization, JsonNode events) {}

    private String answer(long id) {
        return json.writeValueAsString(
                Map.of("id", id, "participants", participants.get(id), "created_at", "2026-11-24T10:00:00Z"));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Points the service under test at the fake, as {@code chat.conversation-service.url}, which
     * the write-through of {@code chat.message.v1} follows too unless a test turns it off. Every
     * test class gets the same setting, so it adds nothing to tell their contexts apart.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ContextCustomizerFactories(Wiring.class)
    @interface WithFakeConversationService {}

    record Wiring() implements ContextCustomizerFactory, ContextCustomizer {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return this;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "fake conversation-service",
                            Map.of("chat.conversation-service.url", SHARED.uri().toString())));
        }
    }
}
