package chat.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks WebSocket frames against the protocol of the {@code chat:contracts} jar
 * ({@code chat/contracts/websocket.asyncapi.yaml}): the schema of a frame of type {@code t}, sent
 * by either side, is the classpath resource {@code chat/contracts/sockets/t.schema.json}.
 */
public final class SocketSchemas {

    public static final String DOCUMENT = "chat/contracts/websocket.asyncapi.yaml";

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private SocketSchemas() {}

    /** What is wrong with {@code frameJson} by the schema of its own {@code type}; empty if nothing. */
    public static List<String> violations(String frameJson) {
        JsonNode frame;
        try {
            frame = JSON.readTree(frameJson);
        } catch (JacksonException notJson) {
            return List.of("the frame is not JSON: " + notJson.getOriginalMessage());
        }
        String type = frame == null ? "" : frame.path("type").asString("");
        if (type.isEmpty()) {
            return List.of("the frame has no type");
        }
        if (!hasSchema(type)) {
            return List.of("no frame of type '" + type + "' in " + DOCUMENT);
        }
        return schema(type).validate(frameJson, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    public static void assertMatchesSchema(String frameJson) {
        List<String> violations = violations(frameJson);
        if (!violations.isEmpty()) {
            throw new AssertionError("Frame does not match its schema: " + violations + "\n" + frameJson);
        }
    }

    /** Whether the protocol has a schema for frames of {@code type}. */
    public static boolean hasSchema(String type) {
        return SocketSchemas.class.getClassLoader().getResource(path(type)) != null;
    }

    /** The AsyncAPI document of the sockets, as checked in. */
    public static String document() {
        try (InputStream in = resource(DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(resource(path(t))));
    }

    private static String path(String type) {
        return "chat/contracts/sockets/" + type + ".schema.json";
    }

    private static InputStream resource(String path) {
        InputStream in = SocketSchemas.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("No " + path + " on the classpath");
        }
        return in;
    }
}
