package chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The compatibility rule, fed one change at a time to a small released schema. */
class SchemaCompatibilityTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A released schema in the contract's shape: the envelope, a closed data, a nested object. */
    private static final String RELEASED = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "chat.thing.done",
              "type": "object",
              "required": ["id", "type", "data"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "type": {"const": "chat.thing.done"},
                "subject": {"type": "string", "pattern": "^[1-9][0-9]*$"},
                "data": {
                  "type": "object",
                  "required": ["seq", "thing"],
                  "additionalProperties": false,
                  "properties": {
                    "seq": {"type": "integer", "minimum": 1},
                    "note": {"type": ["string", "null"], "maxLength": 100},
                    "kind": {"enum": ["small", "large"]},
                    "ids": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
                    "thing": {
                      "type": "object",
                      "required": ["id"],
                      "properties": {
                        "id": {"type": "integer", "minimum": 1},
                        "label": {"type": "string", "description": "What people call it."}
                      }
                    }
                  },
                  "oneOf": [{"required": ["seq"]}]
                }
              }
            }
            """;

    @Test
    void theSameSchemasBreakNothing() {
        assertThat(breaking(RELEASED)).isEmpty();
    }

    @Test
    void removingAPropertyIsBreaking() {
        assertThat(breaking(RELEASED.replace("\"kind\": {\"enum\": [\"small\", \"large\"]},", "")))
                .containsExactly("chat.thing.done: data.kind: the property was removed");
    }

    @Test
    void renamingAPropertyIsBreaking() {
        assertThat(breaking(RELEASED.replace("\"label\":", "\"name\":")))
                .containsExactly("chat.thing.done: data.thing.label: the property was removed");
    }

    @Test
    void requiringAPropertyIsBreakingEvenANewOne() {
        assertThat(breaking(RELEASED.replace("\"required\": [\"id\"]", "\"required\": [\"id\", \"label\"]")))
                .containsExactly("chat.thing.done: data.thing.label: the property is newly required");
        ObjectNode withANewRequiredProperty = (ObjectNode) JSON.readTree(RELEASED);
        ObjectNode data =
                (ObjectNode) withANewRequiredProperty.path("properties").path("data");
        ((ObjectNode) data.path("properties")).putObject("added").put("type", "string");
        ((ArrayNode) data.path("required")).add("added");
        assertThat(breaking(withANewRequiredProperty))
                .containsExactly("chat.thing.done: data.added: the property is newly required");
    }

    @Test
    void noLongerRequiringAPropertyIsBreaking() {
        assertThat(breaking(RELEASED.replace("\"required\": [\"seq\", \"thing\"]", "\"required\": [\"seq\"]")))
                .containsExactly("chat.thing.done: data.thing: the property is no longer required");
    }

    @Test
    void narrowingATypeIsBreaking() {
        assertThat(breaking(RELEASED.replace("\"type\": [\"string\", \"null\"]", "\"type\": \"string\"")))
                .containsExactly("chat.thing.done: data.note: the type changed from null or string to string");
        assertThat(breaking(RELEASED.replace("\"seq\": {\"type\": \"integer\"", "\"seq\": {\"type\": \"string\"")))
                .containsExactly("chat.thing.done: data.seq: the type changed from integer to string");
    }

    @Test
    void wideningATypeIsBreakingTooForConsumersWouldMeetValuesTheyCannotRead() {
        assertThat(breaking(RELEASED.replace(
                        "\"id\": {\"type\": \"integer\", \"minimum\": 1}",
                        "\"id\": {\"type\": [\"integer\", \"null\"], \"minimum\": 1}")))
                .containsExactly("chat.thing.done: data.thing.id: the type changed from integer to integer or null");
    }

    @Test
    void changingAFormatOrAConstIsBreaking() {
        assertThat(breaking(RELEASED.replace("\"format\": \"uuid\"", "\"format\": \"uri\"")))
                .containsExactly("chat.thing.done: id: 'format' changed from \"uuid\" to \"uri\"");
        assertThat(breaking(RELEASED.replace("{\"const\": \"chat.thing.done\"}", "{\"const\": \"chat.thing.made\"}")))
                .containsExactly(
                        "chat.thing.done: type: 'const' changed from \"chat.thing.done\" to \"chat.thing.made\"");
    }

    @Test
    void removingAnEnumValueIsBreakingAndAddingOneIsNot() {
        assertThat(breaking(RELEASED.replace("[\"small\", \"large\"]", "[\"small\"]")))
                .containsExactly("chat.thing.done: data.kind: the enum value \"large\" was removed");
        assertThat(breaking(RELEASED.replace("[\"small\", \"large\"]", "[\"small\", \"large\", \"huge\"]")))
                .isEmpty();
    }

    @Test
    void closingAnObjectToUnknownFieldsIsBreakingAndOpeningOneIsNot() {
        assertThat(breaking(RELEASED.replace(
                        "\"required\": [\"id\"],", "\"required\": [\"id\"], \"additionalProperties\": false,")))
                .containsExactly("chat.thing.done: data.thing: the object no longer accepts unknown fields");
        assertThat(breaking(RELEASED.replace(
                        "\"type\": \"object\",\n  \"required\"",
                        "\"type\": \"object\",\n  \"additionalProperties\": false,\n  \"required\"")))
                .containsExactly("chat.thing.done: the event: the object no longer accepts unknown fields");
        assertThat(breaking(RELEASED.replace("\"additionalProperties\": false", "\"additionalProperties\": true")))
                .isEmpty();
        assertThat(breaking(RELEASED.replace("\"additionalProperties\": false,", "")))
                .isEmpty();
    }

    @Test
    void narrowingABoundOrAddingAPatternIsBreakingAndLooseningIsNot() {
        assertThat(breaking(RELEASED.replace("\"maxLength\": 100", "\"maxLength\": 50")))
                .containsExactly("chat.thing.done: data.note: 'maxLength' narrowed from 100 to 50");
        assertThat(breaking(RELEASED.replace("\"minItems\": 1", "\"minItems\": 2")))
                .containsExactly("chat.thing.done: data.ids: 'minItems' narrowed from 1 to 2");
        assertThat(breaking(RELEASED.replace(
                        "\"label\": {\"type\": \"string\"",
                        "\"label\": {\"type\": \"string\", \"pattern\": \"^[a-z]+$\"")))
                .containsExactly("chat.thing.done: data.thing.label: a pattern now restricts the value");
        assertThat(breaking(RELEASED.replace(
                        "\"label\": {\"type\": \"string\"", "\"label\": {\"type\": \"string\", \"maxLength\": 9")))
                .containsExactly("chat.thing.done: data.thing.label: 'maxLength' 9 now restricts the value");
        assertThat(breaking(RELEASED.replace("\"maxLength\": 100", "\"maxLength\": 4000")
                        .replace("\"minItems\": 1", "\"minItems\": 0")
                        .replace(", \"pattern\": \"^[1-9][0-9]*$\"", "")))
                .isEmpty();
    }

    @Test
    void changingTheItemsOfAnArrayIsCheckedLikeAnyValue() {
        assertThat(breaking(
                        RELEASED.replace("\"items\": {\"type\": \"integer\"}", "\"items\": {\"type\": \"string\"}")))
                .containsExactly("chat.thing.done: data.ids[]: the type changed from integer to string");
    }

    @Test
    void aKeywordTheCheckCannotReasonAboutMustStayAsItWas() {
        assertThat(breaking(RELEASED.replace(
                        "\"oneOf\": [{\"required\": [\"seq\"]}]", "\"oneOf\": [{\"required\": [\"thing\"]}]")))
                .containsExactly("chat.thing.done: data: 'oneOf' changed, which this check cannot prove compatible");
    }

    @Test
    void addingAnOptionalPropertyOrRewordingADescriptionBreaksNothing() {
        assertThat(breaking(RELEASED.replace(
                                "\"label\": {\"type\": \"string\", \"description\": \"What people call it.\"}",
                                "\"label\": {\"type\": \"string\", \"description\": \"Its name.\"},"
                                        + " \"colour\": {\"type\": \"string\"}")
                        .replace("\"title\": \"chat.thing.done\"", "\"title\": \"Thing done\"")))
                .isEmpty();
    }

    @Test
    void removingAnEventTypeIsBreakingAndAddingOneIsNot() {
        JsonNode schema = JSON.readTree(RELEASED);
        assertThat(SchemaCompatibility.breakingChanges(Map.of("chat.thing.done", schema), Map.of()))
                .containsExactly("chat.thing.done: the event type was removed");
        assertThat(SchemaCompatibility.breakingChanges(
                        Map.of("chat.thing.done", schema),
                        Map.of("chat.thing.done", schema, "chat.thing.undone", schema)))
                .isEmpty();
    }

    @Test
    void releasesAreOrderedByVersionNumberNotByName() {
        assertThat(SchemaCompatibility.compareVersions("0.10.0", "0.9.1")).isPositive();
        assertThat(SchemaCompatibility.compareVersions("1.0", "1.0.0")).isZero();
        assertThat(SchemaCompatibility.compareVersions("0.1.0", "0.2.0")).isNegative();
    }

    private static List<String> breaking(String current) {
        return SchemaCompatibility.breakingChanges(
                Map.of("chat.thing.done", JSON.readTree(RELEASED)), Map.of("chat.thing.done", JSON.readTree(current)));
    }

    private static List<String> breaking(JsonNode current) {
        return SchemaCompatibility.breakingChanges(
                Map.of("chat.thing.done", JSON.readTree(RELEASED)), Map.of("chat.thing.done", current));
    }
}
