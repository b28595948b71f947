package chat.testsupport;

import chat.common.events.CloudEventRecords;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks events against the contract of the {@code chat:contracts} jar: the schema of type
 * {@code t} is the classpath resource {@code chat/contracts/events/t.schema.json}, its example
 * {@code chat/contracts/events/t.example.json}.
 *
 * <p>The published schemas let unknown fields pass, so that fields can be added without breaking
 * anyone. This project's own producers are held to more: {@link #assertMatchesSchema} reads the
 * schemas with every object closed, so that a field a producer writes but the contract does not
 * document fails its test.
 */
public final class EventSchemas {

    /** Where the contracts jar keeps the event schemas and examples. */
    public static final String EVENTS = "chat/contracts/events/";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry PUBLISHED =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final SchemaRegistry CLOSED = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {}

    /**
     * What is wrong with {@code eventJson} by the schema of its own {@code type}, every object of it
     * closed to undocumented fields; empty if nothing.
     */
    public static List<String> violations(String eventJson) {
        return validate(eventJson, true);
    }

    /** What is wrong with {@code eventJson} by its type's schema as published, which consumers use. */
    public static List<String> violationsOfThePublishedSchema(String eventJson) {
        return validate(eventJson, false);
    }

    public static void assertMatchesSchema(String eventJson) {
        List<String> violations = violations(eventJson);
        if (!violations.isEmpty()) {
            throw new AssertionError("Event does not match its schema: " + violations + "\n" + eventJson);
        }
    }

    /**
     * {@code record} as the contract has every record: a CloudEvents record in structured mode
     * (its {@code content-type} header says so) whose value matches its type's schema.
     */
    public static void assertIsStructuredCloudEvent(ConsumerRecord<String, String> record) {
        Header contentType = record.headers().lastHeader(CloudEventRecords.CONTENT_TYPE);
        if (contentType == null
                || !CloudEventRecords.STRUCTURED_JSON.equals(
                        new String(contentType.value(), StandardCharsets.US_ASCII))) {
            throw new AssertionError("Record of " + record.topic() + " is not marked "
                    + CloudEventRecords.CONTENT_TYPE + ": " + CloudEventRecords.STRUCTURED_JSON + ", its headers: "
                    + record.headers());
        }
        assertMatchesSchema(record.value());
    }

    /** The checked-in example of {@code type}, which consumer tests read. */
    public static String example(String type) {
        try (InputStream in = resource(EVENTS + type + ".example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> validate(String eventJson, boolean closed) {
        JsonNode event = JSON.readTree(eventJson);
        String type = event.path("type").asString("");
        if (type.isEmpty()) {
            return List.of("the event has no type");
        }
        Schema schema;
        try (InputStream in = resource(EVENTS + type + ".schema.json")) {
            JsonNode published = JSON.readTree(in);
            schema = closed ? CLOSED.getSchema(closed(published)) : PUBLISHED.getSchema(published);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schema.validate(eventJson, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    /** {@code schema} with each object that lets unknown fields pass closed to them. */
    private static JsonNode closed(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        return copy;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && additional.asBoolean()) {
                object.put("additionalProperties", false);
            }
        }
        node.forEach(EventSchemas::close);
    }

    private static InputStream resource(String path) {
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("No " + path + " on the classpath (from the chat:contracts jar)");
        }
        return in;
    }
}
