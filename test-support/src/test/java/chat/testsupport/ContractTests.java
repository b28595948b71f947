package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event contract as a consumer gets it from the {@code chat:contracts} jar holds together:
 * every schema has a valid example and is documented, and lets unknown fields pass.
 */
class ContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<String> types() throws IOException, URISyntaxException {
        URI events = ContractTests.class
                .getClassLoader()
                .getResource(EventSchemas.EVENTS)
                .toURI();
        List<String> types;
        if ("jar".equals(events.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(events, Map.of())) {
                types = typesIn(jar.provider().getPath(events));
            }
        } else {
            types = typesIn(Path.of(events));
        }
        assertThat(types).isNotEmpty();
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeHasAnExampleThatMatchesItsSchema(String type) {
        String example = EventSchemas.example(type);
        EventSchemas.assertMatchesSchema(example);
        assertThat(example).contains("\"type\": \"" + type + "\"");
    }

    @ParameterizedTest
    @MethodSource("types")
    void theAsyncApiDocumentNamesEveryType(String type) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("chat/contracts/asyncapi.yaml")) {
            String asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(asyncApi).contains("./events/" + type + ".schema.json").contains("name: " + type);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypesPublishedSchemaLetsFieldsAddedLaterPass(String type) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSchemas.example(type));
        event.put("partitionkey", "an extension attribute");
        addFieldToEveryObject(event.path("data"));

        assertThat(EventSchemas.violationsOfThePublishedSchema(event.toString()))
                .isEmpty();
        assertThat(EventSchemas.violations(event.toString()))
                .as("this project's producers may write only documented fields")
                .isNotEmpty();
    }

    @Test
    void aSchemaRefusesAnEventThatBreaksIt() {
        String broken = EventSchemas.example("chat.message.created").replace("\"seq\": 3", "\"seq\": 0");
        assertThat(EventSchemas.violations(broken)).isNotEmpty();
        assertThat(EventSchemas.violationsOfThePublishedSchema(broken)).isNotEmpty();
    }

    /** A field nobody has heard of, in {@code data} and in every object within it. */
    private static void addFieldToEveryObject(JsonNode node) {
        node.forEach(ContractTests::addFieldToEveryObject);
        if (node instanceof ObjectNode object) {
            object.put("added_later", true);
        }
    }

    private static List<String> typesIn(Path events) throws IOException {
        try (Stream<Path> files = Files.list(events)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                    .sorted()
                    .toList();
        }
    }
}
