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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks events against the checked-in contract: the schema of type {@code t} is the classpath
 * resource {@code events/t.schema.json}, its example {@code events/t.example.json}.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventSchemas() {}

    /** What is wrong with {@code eventJson} by the schema of its own {@code type}; empty if nothing. */
    public static List<String> violations(String eventJson) {
        JsonNode event = JSON.readTree(eventJson);
        String type = event.path("type").asString("");
        if (type.isEmpty()) {
            return List.of("the event has no type");
        }
        Schema schema = REGISTRY.getSchema(resource("events/" + type + ".schema.json"));
        return schema.validate(eventJson, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    public static void assertMatchesSchema(String eventJson) {
        List<String> violations = violations(eventJson);
        if (!violations.isEmpty()) {
            throw new AssertionError("Event does not match its schema: " + violations + "\n" + eventJson);
        }
    }

    /** The checked-in example of {@code type}, which consumer tests read. */
    public static String example(String type) {
        try (InputStream in = resource("events/" + type + ".example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("No " + path + " on the classpath");
        }
        return in;
    }
}
