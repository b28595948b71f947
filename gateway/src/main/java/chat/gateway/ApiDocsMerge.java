package chat.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The OpenAPI 3.1 document of the whole API, merged from the documents of the services behind the
 * gateway: their paths, schemas and security schemes side by side, one tag per service, and this
 * gateway as the server. A schema two services name alike but define differently keeps its name
 * in the first and is renamed, with every reference to it, in the next; an operation id taken
 * already is prefixed with its service's name. The services that could not be asked are named in
 * the description and in {@code x-unavailable}.
 */
final class ApiDocsMerge {

    static final String TITLE = "Chat API";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One service's document, under the service's name. */
    record Source(String name, JsonNode document) {}

    private ApiDocsMerge() {}

    static ObjectNode merge(List<Source> sources, List<String> unavailable) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", "3.1.0");
        String description = "The REST API of the chat backend (spec chat-api.md), through its gateway: every"
                + " service's document merged. Every operation but `/dev/users/` takes a bearer token.";
        if (!unavailable.isEmpty()) {
            description +=
                    " Left out because they could not be reached just now: " + String.join(", ", unavailable) + ".";
        }
        merged.putObject("info").put("title", TITLE).put("version", "v1").put("description", description);
        // the document is served by the gateway that serves the API: same origin, whatever its name
        merged.putArray("servers").addObject().put("url", "/").put("description", "This gateway");
        merged.putArray("security").addObject().putArray("bearer");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        Set<String> operationIds = new HashSet<>();
        for (Source source : sources) {
            ObjectNode document = (ObjectNode) source.document().deepCopy();
            Map<String, String> renamed = new LinkedHashMap<>();
            document.path("components").path("schemas").properties().forEach(schema -> {
                JsonNode taken = schemas.get(schema.getKey());
                if (taken != null && !taken.equals(schema.getValue())) {
                    renamed.put(schema.getKey(), prefix(source.name()) + schema.getKey());
                }
            });
            if (!renamed.isEmpty()) {
                rewriteReferences(document, renamed);
            }
            document.path("components")
                    .path("schemas")
                    .properties()
                    .forEach(schema -> schemas.putIfAbsent(
                            renamed.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
            document.path("components")
                    .path("securitySchemes")
                    .properties()
                    .forEach(scheme -> securitySchemes.putIfAbsent(scheme.getKey(), scheme.getValue()));
            tags.addObject().put("name", source.name());
            document.path("paths").properties().forEach(path -> {
                ObjectNode item = paths.has(path.getKey())
                        ? (ObjectNode) paths.get(path.getKey())
                        : paths.putObject(path.getKey());
                path.getValue().properties().forEach(entry -> {
                    if (!METHODS.contains(entry.getKey()) || item.has(entry.getKey())) {
                        return;
                    }
                    ObjectNode operation = (ObjectNode) entry.getValue();
                    operation.set("tags", JSON.createArrayNode().add(source.name()));
                    String id = operation.path("operationId").asString("");
                    if (!id.isEmpty() && !operationIds.add(id)) {
                        String unique = prefix(source.name()) + id;
                        operation.put("operationId", unique);
                        operationIds.add(unique);
                    }
                    item.set(entry.getKey(), operation);
                });
            });
        }
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    /** {@code message-service} → {@code MessageService}. */
    static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        for (String word : service.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                prefix.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return prefix.toString();
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                JsonNode value = object.get(name);
                if (name.equals("$ref") && value.isString()) {
                    String ref = value.asString();
                    String target = ref.substring(ref.lastIndexOf('/') + 1);
                    if (ref.startsWith("#/components/schemas/") && renamed.containsKey(target)) {
                        object.set(name, StringNode.valueOf("#/components/schemas/" + renamed.get(target)));
                    }
                } else {
                    rewriteReferences(value, renamed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewriteReferences(element, renamed));
        }
    }
}
