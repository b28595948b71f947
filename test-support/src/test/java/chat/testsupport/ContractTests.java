package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in event contract holds together: every schema has a valid example and is documented. */
class ContractTests {

    static Stream<String> types() throws IOException, URISyntaxException {
        Path events = Path.of(
                ContractTests.class.getClassLoader().getResource("events").toURI());
        try (Stream<Path> files = Files.list(events)) {
            List<String> types = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                    .sorted()
                    .toList();
            assertThat(types).isNotEmpty();
            return types.stream();
        }
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
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            String asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(asyncApi).contains("./events/" + type + ".schema.json").contains("name: " + type);
        }
    }

    @Test
    void aSchemaRefusesAnEventThatBreaksIt() {
        String broken = EventSchemas.example("chat.message.created").replace("\"seq\": 3", "\"seq\": 0");
        assertThat(EventSchemas.violations(broken)).isNotEmpty();
    }
}
