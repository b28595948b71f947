package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.testsupport.SocketSchemas;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledgements through the gateway (spec A.5.2, B.19): a socket opened with {@code ?acks=1}
 * hears what became of each client event, any other socket hears nothing of a refusal. Every
 * frame is checked against the WebSocket protocol's schemas.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class SocketAcksSystemTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static Api api;
    static RunningStack stack;

    @BeforeAll
    static void connect() {
        stack = SharedStack.get();
        api = new Api(stack);
    }

    @Test
    void anAcknowledgingSocketHearsAnAckAndAnErrorWhereAPlainOneHearsNothing() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        JsonNode first = api.send(alice, bob, "alice's own words");
        long conversation = first.path("conversation").asLong();
        long alicesMessage = first.path("id").asLong();
        long elsewhere = api.send(bob, api.register("carol", false), "another conversation")
                .path("id")
                .asLong();
        String path = "/ws/chat/" + conversation + "/?access_token=" + bob.token();

        try (Socket acked = Socket.open(stack, path + "&acks=1", Map.of());
                Socket plain = Socket.open(stack, path, Map.of())) {
            // a valid chat_message: the ack names the stored message and the client_id
            acked.send("{\"type\": \"chat_message\", \"content\": \"over the socket\", \"client_id\": \"c-acks\"}");
            Map<String, JsonNode> byType = nextOfEachType(acked, 2);
            JsonNode ack = byType.get("ack");
            assertThat(ack.path("event").asString()).isEqualTo("chat_message");
            assertThat(ack.path("client_id").asString()).isEqualTo("c-acks");
            long stored = ack.path("message_id").asLong();
            assertThat(byType.get("new_message").path("message").path("id").asLong())
                    .isEqualTo(stored);
            assertThat(next(plain).path("message").path("id").asLong()).isEqualTo(stored);

            // an edit of someone else's message: an error on the acknowledging socket...
            String hijack =
                    "{\"type\": \"edit_message\", \"message_id\": " + alicesMessage + ", \"content\": \"hijacked\"}";
            acked.send(hijack);
            JsonNode forbidden = next(acked);
            assertThat(forbidden.path("type").asString()).isEqualTo("error");
            assertThat(forbidden.path("code").asString()).isEqualTo("forbidden");
            assertThat(forbidden.path("event").asString()).isEqualTo("edit_message");
            assertThat(forbidden.path("message_id").asLong()).isEqualTo(alicesMessage);
            assertThat(forbidden.path("detail").asString()).isNotBlank();

            // ...and nothing on the plain one: what it hears next is the message sent after the edit
            plain.send(hijack);
            plain.send("{\"type\": \"chat_message\", \"content\": \"after the edit\"}");
            JsonNode afterTheEdit = next(plain);
            assertThat(afterTheEdit.path("type").asString()).isEqualTo("new_message");
            assertThat(afterTheEdit.path("message").path("content").asString()).isEqualTo("after the edit");
            assertThat(next(acked).path("message").path("content").asString()).isEqualTo("after the edit");

            // a message of another conversation, and a frame that is not JSON
            acked.send("{\"type\": \"delete_message\", \"message_id\": " + elsewhere + "}");
            assertThat(next(acked).path("code").asString()).isEqualTo("not_found");
            acked.send("not json");
            assertThat(next(acked).path("code").asString()).isEqualTo("invalid");
            assertThat(acked.isOpen()).isTrue();
            assertThat(plain.next(Duration.ofMillis(300))).isNull();
        }
        assertThat(api.get("/api/messages/" + alicesMessage + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("alice's own words");
        assertThat(api.get("/api/messages/" + elsewhere + "/", bob)
                        .body()
                        .path("is_deleted")
                        .asBoolean())
                .isFalse();
    }

    /** The next frame, checked against the protocol's schema of its type. */
    private static JsonNode next(Socket socket) throws InterruptedException {
        JsonNode frame = socket.next(WAIT);
        assertThat(frame).as("a frame arrived").isNotNull();
        SocketSchemas.assertMatchesSchema(frame.toString());
        return frame;
    }

    /** The next {@code count} frames by type: an ack and the event it caused come in either order. */
    private static Map<String, JsonNode> nextOfEachType(Socket socket, int count) throws InterruptedException {
        Map<String, JsonNode> byType = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode frame = next(socket);
            byType.put(frame.path("type").asString(), frame);
        }
        assertThat(byType).hasSize(count);
        return byType;
    }
}
