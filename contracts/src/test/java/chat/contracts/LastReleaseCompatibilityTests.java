package chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The build's check that the event schemas keep every promise of the last release: each release's
 * schemas are kept under {@code released/<version>/events}, and the schemas of {@code events/}
 * must break none of those of the newest one ({@link SchemaCompatibility}).
 */
class LastReleaseCompatibilityTests {

    @Test
    void theSchemasBreakNothingOfTheLastRelease() {
        Path release = SchemaCompatibility.lastRelease(Path.of("released"));
        Map<String, JsonNode> released = SchemaCompatibility.schemasIn(release.resolve("events"));
        Map<String, JsonNode> current = SchemaCompatibility.schemasIn(Path.of("events"));
        assertThat(released)
                .as("the schemas of release %s", release.getFileName())
                .isNotEmpty();

        assertThat(SchemaCompatibility.breakingChanges(released, current))
                .as("""
                        Breaking changes against release %s. A published event type does not change \
                        incompatibly: add a new type version beside it instead (contracts/README.md).""", release.getFileName())
                .isEmpty();
    }
}
