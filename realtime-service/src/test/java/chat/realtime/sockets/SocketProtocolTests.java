package chat.realtime.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.SocketSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in WebSocket protocol ({@code contracts/websocket.asyncapi.yaml}) holds together and
 * names every frame this service sends or takes; its examples match their schemas, which the
 * AsyncAPI validator of the build does not check.
 */
class SocketProtocolTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What clients send (spec A.5.3), what this service sends (A.5.4, B.11, B.15), and its replies (B.19). */
    static final List<String> FRAMES = List.of(
            "chat_message",
            "edit_message",
            "delete_message",
            "typing",
            "new_message",
            "message_edited",
            "message_deleted",
            "message_read",
            "attachment_added",
            "user_typing",
            "conversation_created",
            "resync_required",
            "ack",
            "error");

    @Test
    void documentsEveryFrameWithItsSchema() {
        Map<String, Map<String, Object>> messages = messages();
        List<String> names = new ArrayList<>();
        messages.values().forEach(message -> {
            String name = (String) message.get("name");
            names.add(name);
            assertThat(message.get("payload")).as(name).isEqualTo(Map.of("$ref", "./sockets/" + name + ".schema.json"));
            assertThat(SocketSchemas.hasSchema(name)).as(name).isTrue();
        });
        assertThat(names).containsExactlyInAnyOrderElementsOf(FRAMES);
    }

    @Test
    void everyExampleMatchesItsSchema() {
        messages().values().forEach(message -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> examples = (List<Map<String, Object>>) message.get("examples");
            assertThat(examples).as("examples of %s", message.get("name")).isNotEmpty();
            examples.forEach(example -> {
                String frame = JSON.writeValueAsString(example.get("payload"));
                assertThat(JSON.readTree(frame).path("type").asString()).isEqualTo(message.get("name"));
                assertThat(SocketSchemas.violations(frame)).as(frame).isEmpty();
            });
        });
    }

    @Test
    void aSchemaRefusesAFrameThatBreaksIt() {
        assertThat(SocketSchemas.violations(
                        "{\"type\":\"new_message\",\"message\":{\"id\":1},\"conversation\":1,\"seq\":0}"))
                .isNotEmpty();
        assertThat(SocketSchemas.violations(
                        "{\"type\":\"message_deleted\",\"message_id\":1,\"conversation\":1,\"seq\":1,\"extra\":true}"))
                .isNotEmpty();
        assertThat(SocketSchemas.violations("{\"type\":\"typing\",\"is_typing\":\"yes\"}"))
                .isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> messages() {
        Map<String, Object> document = new Yaml().load(SocketSchemas.document());
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        return (Map<String, Map<String, Object>>) components.get("messages");
    }
}
