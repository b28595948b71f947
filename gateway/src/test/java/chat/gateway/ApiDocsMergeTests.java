package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ApiDocsMergeTests {

    final JsonMapper json = JsonMapper.builder().build();

    JsonNode document(String path, String operationId, String userSchema) {
        return json.readTree("""
                {"openapi": "3.1.0", "servers": [{"url": "http://10.0.0.7:8081"}],
                 "paths": {"%s": {"get": {"operationId": "%s", "tags": ["x"],
                   "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}}},
                 "components": {"schemas": {"User": %s, "Problem": {"type": "object"}},
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}""".formatted(path, operationId, userSchema));
    }

    @Test
    void putsEveryServicesPathsAndSchemasInOneDocumentServedByTheGateway() {
        ObjectNode merged = ApiDocsMerge.merge(
                List.of(
                        new ApiDocsMerge.Source(
                                "conversation-service", document("/api/a/", "one", "{\"type\": \"object\"}")),
                        new ApiDocsMerge.Source(
                                "message-service", document("/api/b/", "two", "{\"type\": \"object\"}"))),
                List.of());

        assertThat(merged.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(merged.path("paths").propertyNames()).containsExactly("/api/a/", "/api/b/");
        assertThat(merged.path("components").path("schemas").propertyNames()).containsExactly("User", "Problem");
        assertThat(merged.path("servers").findValuesAsString("url")).containsExactly("/");
        assertThat(merged.path("paths")
                        .path("/api/b/")
                        .path("get")
                        .path("tags")
                        .get(0)
                        .asString())
                .isEqualTo("message-service");
        assertThat(merged.path("components").path("securitySchemes").has("bearer"))
                .isTrue();
        assertThat(merged.has("x-unavailable")).isFalse();
    }

    @Test
    void renamesASchemaThatAnotherServiceDefinesDifferentlyAndItsReferences() {
        ObjectNode merged = ApiDocsMerge.merge(
                List.of(
                        new ApiDocsMerge.Source(
                                "conversation-service", document("/api/a/", "one", "{\"type\": \"object\"}")),
                        new ApiDocsMerge.Source(
                                "message-service", document("/api/b/", "one", "{\"type\": \"string\"}"))),
                List.of());

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("User").path("type").asString()).isEqualTo("object");
        assertThat(schemas.path("MessageServiceUser").path("type").asString()).isEqualTo("string");
        assertThat(merged.path("paths").path("/api/b/").findValuesAsString("$ref"))
                .containsExactly("#/components/schemas/MessageServiceUser");
        assertThat(merged.path("paths").path("/api/a/").findValuesAsString("$ref"))
                .containsExactly("#/components/schemas/User");
        assertThat(merged.path("paths")
                        .path("/api/b/")
                        .path("get")
                        .path("operationId")
                        .asString())
                .isEqualTo("MessageServiceone");
    }

    @Test
    void namesTheServicesItCouldNotAsk() {
        ObjectNode merged = ApiDocsMerge.merge(
                List.of(new ApiDocsMerge.Source("conversation-service", document("/api/a/", "one", "{}"))),
                List.of("message-service", "attachment-service"));

        assertThat(merged.path("x-unavailable").valueStream().map(JsonNode::asString))
                .containsExactly("message-service", "attachment-service");
        assertThat(merged.path("info").path("description").asString()).contains("message-service, attachment-service");
    }
}
