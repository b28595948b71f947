package chat.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Whether the event schemas of a new version keep the promises of a released version. Two kinds
 * of reader depend on them: a consumer built against the release must find every field it was
 * promised, meaning what it meant, and a consumer built against the new version must still read
 * the events already on the topics. So, from a release to the next:
 *
 * <ul>
 *   <li>an event type stays, and a property stays (a rename is a removal);
 *   <li>the set of required properties stays as it was: a newly required one is missing from
 *       older events, one no longer required may be missing from newer ones;
 *   <li>what a value is stays: its {@code type}, {@code const} and {@code format};
 *   <li>constraints may only loosen: an {@code enum} may gain values but not lose one, bounds
 *       and lengths may widen but not narrow, a {@code pattern} may go but not come or change,
 *       and an object may open to unknown fields but not close;
 *   <li>a keyword this check cannot reason about ({@code oneOf}, {@code $ref}, ...) stays as it
 *       was; descriptions, titles and examples change freely.
 * </ul>
 *
 * Adding an event type, an optional property or an enum value, opening an object, and loosening a
 * bound are not breaking.
 */
final class SchemaCompatibility {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode ANYTHING = JsonNodeFactory.instance.objectNode();
    private static final String SCHEMA_SUFFIX = ".schema.json";

    /** Read by people only. */
    private static final Set<String> ANNOTATIONS =
            Set.of("$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated");

    private static final Set<String> LOWER_BOUNDS =
            Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    private static final Set<String> UPPER_BOUNDS =
            Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

    /** Keywords compared one by one below; any other must stay exactly as it was. */
    private static final Set<String> UNDERSTOOD = Set.of(
            "type",
            "const",
            "format",
            "enum",
            "pattern",
            "uniqueItems",
            "properties",
            "required",
            "additionalProperties",
            "items");

    private SchemaCompatibility() {}

    /** The schemas of a folder holding {@code <type>.schema.json} files, by event type. */
    static Map<String, JsonNode> schemasIn(Path folder) {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SCHEMA_SUFFIX)) {
                    schemas.put(name.substring(0, name.length() - SCHEMA_SUFFIX.length()), JSON.readTree(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    /** The newest release folder under {@code released}, named by its version (0.1.0 before 0.10.0). */
    static Path lastRelease(Path released) {
        try (Stream<Path> versions = Files.list(released)) {
            return versions.filter(Files::isDirectory)
                    .max(Comparator.comparing(
                            (Path folder) -> folder.getFileName().toString(), SchemaCompatibility::compareVersions))
                    .orElseThrow(() -> new IllegalStateException("No release under " + released));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? Integer.parseInt(left[i]) : 0;
            int r = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    /** What {@code current} breaks of {@code released}, one line per change; empty if nothing. */
    static List<String> breakingChanges(Map<String, JsonNode> released, Map<String, JsonNode> current) {
        List<String> found = new ArrayList<>();
        released.forEach((type, schema) -> {
            JsonNode now = current.get(type);
            if (now == null) {
                found.add(type + ": the event type was removed");
            } else {
                new Comparison(type, found).compare("", schema, now);
            }
        });
        return found;
    }

    /** One event type's schemas, walked side by side. */
    private record Comparison(String type, List<String> found) {

        void compare(String where, JsonNode before, JsonNode after) {
            if (before.isBoolean() || after.isBoolean()) {
                if (!before.equals(after) && !(before.isBoolean() && !before.asBoolean())) {
                    report(where, "the schema changed from " + before + " to " + after);
                }
                return;
            }
            Set<String> keywords = new LinkedHashSet<>(before.propertyNames());
            keywords.addAll(after.propertyNames());
            for (String keyword : keywords) {
                JsonNode old = before.get(keyword);
                JsonNode now = after.get(keyword);
                if (ANNOTATIONS.contains(keyword)) {
                    continue;
                }
                if (LOWER_BOUNDS.contains(keyword)) {
                    bound(where, keyword, old, now, 1);
                } else if (UPPER_BOUNDS.contains(keyword)) {
                    bound(where, keyword, old, now, -1);
                } else if (!UNDERSTOOD.contains(keyword)) {
                    if (!same(old, now)) {
                        report(where, "'" + keyword + "' changed, which this check cannot prove compatible");
                    }
                }
            }
            types(where, before.get("type"), after.get("type"));
            sameValue(where, "const", before.get("const"), after.get("const"));
            sameValue(where, "format", before.get("format"), after.get("format"));
            enumeration(where, before.get("enum"), after.get("enum"));
            pattern(where, before.get("pattern"), after.get("pattern"));
            if (!isTrue(before.get("uniqueItems")) && isTrue(after.get("uniqueItems"))) {
                report(where, "items must now be unique");
            }
            properties(where, before, after);
            required(where, before.get("required"), after.get("required"));
            additionalProperties(where, before.get("additionalProperties"), after.get("additionalProperties"));
            if (before.has("items") || after.has("items")) {
                compare(
                        where + "[]",
                        before.has("items") ? before.get("items") : ANYTHING,
                        after.has("items") ? after.get("items") : ANYTHING);
            }
        }

        private void types(String where, JsonNode old, JsonNode now) {
            Set<String> before = typeSet(old);
            Set<String> after = typeSet(now);
            if (!before.equals(after)) {
                report(where, "the type changed from " + describe(before) + " to " + describe(after));
            }
        }

        private void sameValue(String where, String keyword, JsonNode old, JsonNode now) {
            if (!same(old, now)) {
                report(where, "'" + keyword + "' changed from " + old + " to " + now);
            }
        }

        private void enumeration(String where, JsonNode old, JsonNode now) {
            if (now == null) {
                return;
            }
            if (old == null) {
                report(where, "an enum now restricts the values");
                return;
            }
            for (JsonNode value : old) {
                if (!contains(now, value)) {
                    report(where, "the enum value " + value + " was removed");
                }
            }
        }

        private void pattern(String where, JsonNode old, JsonNode now) {
            if (now != null && !now.equals(old)) {
                report(where, old == null ? "a pattern now restricts the value" : "the pattern changed");
            }
        }

        /** {@code direction} 1: a lower bound, which may only fall; -1: an upper one, which may only rise. */
        private void bound(String where, String keyword, JsonNode old, JsonNode now, int direction) {
            if (now == null) {
                return;
            }
            if (old == null) {
                report(where, "'" + keyword + "' " + now + " now restricts the value");
                return;
            }
            int change = now.decimalValue().compareTo(old.decimalValue());
            if (change * direction > 0) {
                report(where, "'" + keyword + "' narrowed from " + old + " to " + now);
            }
        }

        private void properties(String where, JsonNode before, JsonNode after) {
            JsonNode old = before.get("properties");
            if (old == null) {
                return;
            }
            JsonNode now = after.get("properties");
            for (String name : old.propertyNames()) {
                String property = child(where, name);
                if (now == null || !now.has(name)) {
                    report(property, "the property was removed");
                } else {
                    compare(property, old.get(name), now.get(name));
                }
            }
        }

        private void required(String where, JsonNode old, JsonNode now) {
            Set<String> before = strings(old);
            Set<String> after = strings(now);
            for (String name : after) {
                if (!before.contains(name)) {
                    report(child(where, name), "the property is newly required");
                }
            }
            for (String name : before) {
                if (!after.contains(name)) {
                    report(child(where, name), "the property is no longer required");
                }
            }
        }

        private void additionalProperties(String where, JsonNode old, JsonNode now) {
            boolean wasOpen = old == null || isTrue(old);
            boolean wasClosed = old != null && old.isBoolean() && !old.asBoolean();
            if (wasClosed || now == null || isTrue(now)) {
                return;
            }
            if (now.isBoolean()) {
                report(where, "the object no longer accepts unknown fields");
            } else if (wasOpen) {
                report(where, "unknown fields are now restricted by a schema");
            } else {
                compare(where + ".*", old, now);
            }
        }

        private void report(String where, String what) {
            found.add(type + ": " + (where.isEmpty() ? "the event" : where) + ": " + what);
        }
    }

    private static String child(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    private static boolean same(JsonNode old, JsonNode now) {
        return old == null ? now == null : old.equals(now);
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.asBoolean();
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A schema's types, with "integer" folded into "number" when both are allowed; empty: any. */
    private static Set<String> typeSet(JsonNode type) {
        Set<String> types = new TreeSet<>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else {
            types.add(type.asString());
        }
        if (types.contains("number")) {
            types.remove("integer");
        }
        return types;
    }

    private static String describe(Set<String> types) {
        return types.isEmpty() ? "any" : String.join(" or ", types);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }
}
