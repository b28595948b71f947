package chat.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI 3.1 document read as JSON, and what it promises about one answer: that its status is
 * documented for the operation, its media type too, and that its body has exactly the documented
 * fields, of the documented types. Stricter than JSON Schema on one point, on purpose: an object
 * schema that lists {@code properties} admits no other field unless it says
 * {@code additionalProperties}, so a field the service sends but the document leaves out is a
 * disagreement too.
 */
public final class ApiDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{[^/}]+}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    /** One operation: its method and path as documented, and its JSON. */
    public record Operation(String method, String path, Pattern pattern, JsonNode node) {

        public String key() {
            return method + " " + path;
        }

        /** Literal segments outweigh variables: {@code /a/me/} is not {@code /a/{id}/}. */
        int variables() {
            return (int) VARIABLE.matcher(path).results().count();
        }
    }

    private ApiDocument(JsonNode document) {
        this.document = document;
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    if (METHODS.contains(method.getKey())) {
                        String verb = method.getKey().toUpperCase(Locale.ROOT);
                        operations.put(
                                verb + " " + path.getKey(),
                                new Operation(verb, path.getKey(), pattern(path.getKey()), method.getValue()));
                    }
                }));
    }

    /** The template's variables match one path segment each; the rest matches as written. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder("^");
        java.util.regex.Matcher variable = VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())))
                    .append("[^/]+");
            last = variable.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last)))
                .append("$")
                .toString());
    }

    public static ApiDocument of(JsonNode document) {
        return new ApiDocument(document);
    }

    public static ApiDocument fetch(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return of(JSON.readTree(response.body()));
    }

    public JsonNode json() {
        return document;
    }

    /** Every operation as {@code METHOD /path/}, in a stable order. */
    public Set<String> operations() {
        return new TreeSet<>(operations.keySet());
    }

    /** The documented operation that a request to {@code path} (its query left out) reaches. */
    public Optional<Operation> operation(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return operations.values().stream()
                .filter(op ->
                        op.method().equals(method) && op.pattern().matcher(bare).matches())
                .min(Comparator.comparingInt(Operation::variables));
    }

    /**
     * What is wrong with this answer to {@code method path} by the document; empty when it agrees.
     *
     * @param mediaType the answer's {@code Content-Type} without parameters, or null without a body
     * @param body the parsed body, or null without one
     */
    public List<String> disagreements(
            String method, String path, int status, @Nullable String mediaType, @Nullable JsonNode body) {
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return List.of(method + " " + path + " is not documented");
        }
        Operation operation = found.get();
        JsonNode response = operation.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            response = operation.node().path("responses").path(status / 100 + "XX");
        }
        if (response.isMissingNode()) {
            return List.of(operation.key() + " answered " + status + ", which is not documented (documented: "
                    + operation.node().path("responses").propertyNames() + ")");
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        if (body == null || mediaType == null) {
            return content.isEmpty() || status == 204
                    ? List.of()
                    : List.of(operation.key() + " " + status + " has no body, but the document gives it one");
        }
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            media = content.path("*/*");
        }
        if (media.isMissingNode()) {
            return List.of(operation.key() + " " + status + " answered " + mediaType + ", documented: "
                    + content.propertyNames());
        }
        return validate(body, media.path("schema"), operation.key() + " " + status + " $");
    }

    /** Every example in the document against the schema it illustrates. */
    public List<String> exampleDisagreements() {
        List<String> problems = new ArrayList<>();
        examples(document, "#", problems);
        return problems;
    }

    private void examples(JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            JsonNode schema = node.has("schema") ? node.get("schema") : node;
            if (node.has("example") && (node.has("schema") || looksLikeSchema(node))) {
                problems.addAll(validate(node.get("example"), schema, where + "/example"));
            }
            if (node.has("examples")
                    && node.has("schema")
                    && node.get("examples").isObject()) {
                node.get("examples")
                        .properties()
                        .forEach(example -> problems.addAll(validate(
                                resolve(example.getValue()).path("value"),
                                schema,
                                where + "/examples/" + example.getKey())));
            }
            node.properties().forEach(child -> examples(child.getValue(), where + "/" + child.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), where + "/" + i, problems);
            }
        }
    }

    private static boolean looksLikeSchema(JsonNode node) {
        return node.has("type") || node.has("properties") || node.has("$ref") || node.has("items");
    }

    /** What is wrong with {@code value} by {@code schema}; empty when it conforms. */
    public List<String> validate(JsonNode value, JsonNode schema, String where) {
        List<String> problems = new ArrayList<>();
        check(value, schema, where, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        schema = resolve(schema);
        if (schema.isMissingNode() || schema.isEmpty()) {
            return;
        }
        if (schema.has("allOf")) {
            check(value, merged(schema), where, problems);
            return;
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            boolean one = schema.has("oneOf");
            JsonNode choices = one ? schema.get("oneOf") : schema.get("anyOf");
            int matching = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode choice : choices) {
                List<String> own = validate(value, choice, where);
                if (own.isEmpty()) {
                    matching++;
                } else {
                    why.addAll(own);
                }
            }
            if (matching == 0 || (one && matching > 1)) {
                problems.add(where + ": matches " + matching + " of the " + (one ? "oneOf" : "anyOf")
                        + " choices, needs " + (one ? "exactly one" : "at least one") + " " + why);
            }
            return;
        }
        Set<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> is(value, type))) {
            problems.add(where + ": " + kind(value) + " where the document says " + types);
            return;
        }
        if (value.isString() && "date-time".equals(schema.path("format").asString(""))) {
            try {
                OffsetDateTime.parse(value.asString());
            } catch (DateTimeParseException e) {
                problems.add(where + ": '" + value.asString() + "' is not a date-time");
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            object(value, schema, where, problems);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
            }
        }
    }

    private void object(JsonNode value, JsonNode schema, String where, List<String> problems) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString())) {
                problems.add(where + ": the required field '" + required.asString() + "' is missing");
            }
        }
        value.properties().forEach(field -> {
            String at = where + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), at, problems);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, at, problems);
            } else if (properties.isObject() && !additional.asBoolean(false)) {
                problems.add(at + ": not a documented field (documented: " + properties.propertyNames() + ")");
            }
        });
    }

    private JsonNode merged(JsonNode schema) {
        tools.jackson.databind.node.ObjectNode merged = JSON.createObjectNode();
        tools.jackson.databind.node.ObjectNode properties = merged.putObject("properties");
        tools.jackson.databind.node.ArrayNode required = merged.putArray("required");
        schema.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
        schema.path("required").forEach(required::add);
        for (JsonNode part : schema.get("allOf")) {
            JsonNode resolved = resolve(part);
            if (resolved.has("allOf")) {
                resolved = merged(resolved);
            }
            resolved.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
            resolved.path("required").forEach(required::add);
            if (resolved.has("type")) {
                merged.set("type", resolved.get("type"));
            }
        }
        return merged;
    }

    /** A {@code $ref} within this document followed to what it names. */
    public JsonNode resolve(JsonNode node) {
        Set<String> seen = new LinkedHashSet<>();
        while (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#/") || !seen.add(ref)) {
                throw new IllegalStateException("cannot follow " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalStateException(ref + " names nothing in the document");
            }
        }
        return node;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isString()) {
            types.add(type.asString());
        } else {
            type.forEach(t -> types.add(t.asString()));
        }
        if (schema.path("nullable").asBoolean(false) && !types.isEmpty()) {
            types.add("null");
        }
        return types;
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static String kind(JsonNode value) {
        String shown = value.toString();
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
    }
}
