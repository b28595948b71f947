package chat.realtime.sockets;

import static chat.testsupport.SocketMessages.chatMessage;
import static chat.testsupport.SocketMessages.escaped;
import static chat.testsupport.SocketMessages.padded;
import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.RawWebSocket;
import chat.testsupport.RawWebSocket.Frame;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.Users;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a conversation's socket does with every kind of frame a client may send (spec B.14), on
 * the real service: Tomcat's WebSocket container, the handlers, the service's own token towards
 * the internal APIs it calls.
 */
@ServiceIntegrationTest
class SocketFramesIntegrationTests {

    static final PeerServices PEERS =
            new PeerServices(List.of(Users.alice().id(), Users.bob().id()));
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int MAX = 64 * 1024;
    static final String EMOJI = "\uD83D\uDE00";

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("chat.conversation-service.url", PEERS::uri);
        registry.add("chat.message-service.url", PEERS::uri);
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void takesAMessageOfExactlyTheLimitWhole() throws Exception {
        String content = EMOJI.repeat(4000);
        String message = padded(chatMessage(escaped(content)), MAX);
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(MAX);

        try (RawWebSocket socket = open()) {
            socket.sendText(message);
            assertThat(sentContent()).isEqualTo(content);
        }
    }

    /**
     * 4,000 characters (spec B.7), each of them as JSON may carry it: raw emoji, emoji escaped as
     * surrogate pairs (48 KB, Python's {@code json.dumps} by default), escaped Latin letters.
     */
    @ParameterizedTest
    @ValueSource(strings = {"raw emoji", "escaped emoji", "escaped letters"})
    void takesFourThousandCharactersInAnyEscaping(String escaping) throws Exception {
        String content = escaping.endsWith("letters") ? "é".repeat(4000) : EMOJI.repeat(4000);
        String message = chatMessage(escaping.startsWith("raw") ? content : escaped(content));

        try (RawWebSocket socket = open()) {
            socket.sendText(message);
            String arrived = sentContent();
            assertThat(arrived).isEqualTo(content);
            assertThat(arrived.codePointCount(0, arrived.length())).isEqualTo(4000);
        }
    }

    @Test
    void joinsAFragmentedMessageWithinTheLimit() throws Exception {
        String content = EMOJI.repeat(4000);
        byte[] message = chatMessage(escaped(content)).getBytes(StandardCharsets.UTF_8);
        int quarter = message.length / 4;

        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, false, Arrays.copyOfRange(message, 0, quarter));
            socket.send(RawWebSocket.CONTINUATION, false, Arrays.copyOfRange(message, quarter, 2 * quarter));
            socket.send(RawWebSocket.CONTINUATION, false, Arrays.copyOfRange(message, 2 * quarter, 3 * quarter));
            socket.send(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(message, 3 * quarter, message.length));
            assertThat(sentContent()).isEqualTo(content);
        }
    }

    @Test
    void ignoresBinaryFramesAndStaysOpenForTheNextMessage() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.sendText(chatMessage("before"));
            socket.send(RawWebSocket.BINARY, true, "{\"type\": \"chat_message\"}".getBytes(StandardCharsets.UTF_8));
            socket.send(RawWebSocket.BINARY, true, new byte[20_000]);
            socket.sendText(chatMessage("after"));

            assertThat(sentContent()).isEqualTo("before");
            assertThat(sentContent()).isEqualTo("after");
            assertThat(answersAPing(socket)).isTrue();
        }
    }

    @Test
    void answersAPingWithPayloadAndStaysOpen() throws Exception {
        try (RawWebSocket socket = open()) {
            assertThat(answersAPing(socket)).isTrue();
            socket.sendText(chatMessage("after the ping"));
            assertThat(sentContent()).isEqualTo("after the ping");
        }
    }

    @Test
    void theUserStreamIgnoresBinaryFramesToo() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(uri("/ws/chat/"), Map.of())) {
            socket.send(RawWebSocket.BINARY, true, new byte[] {1, 2, 3});
            assertThat(answersAPing(socket)).isTrue();
        }
    }

    @Test
    void closesWith1009AMessageOneByteOverTheLimit() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.sendText(padded(chatMessage("x"), MAX + 1));
            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
        }
    }

    /** Fewer characters than the limit has bytes, but more bytes: the limit counts bytes. */
    @Test
    void closesWith1009AMessageOverTheLimitInBytesThoughNotInCharacters() throws Exception {
        String message = chatMessage("é".repeat(MAX / 2));
        assertThat(message.length()).isLessThan(MAX);

        try (RawWebSocket socket = open()) {
            socket.sendText(message);
            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1009AFragmentedMessageOverTheLimit() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.send(
                    RawWebSocket.TEXT,
                    false,
                    "{\"type\": \"chat_message\", \"content\": \"".getBytes(StandardCharsets.UTF_8));
            socket.send(RawWebSocket.CONTINUATION, false, "x".repeat(MAX / 2).getBytes(StandardCharsets.UTF_8));
            socket.send(
                    RawWebSocket.CONTINUATION, true, ("x".repeat(MAX / 2) + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1007ATextFrameThatIsNotUtf8() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertThat(socket.closeCode(WAIT)).isEqualTo(1007);
        }
    }

    private boolean answersAPing(RawWebSocket socket) throws Exception {
        byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
        socket.send(RawWebSocket.PING, true, payload);
        Frame answer = socket.next(WAIT);
        return answer != null && answer.opcode() == RawWebSocket.PONG && Arrays.equals(answer.payload(), payload);
    }

    private String sentContent() throws InterruptedException {
        JsonNode sent = PEERS.nextSent(WAIT);
        assertThat(sent).as("a message reached message-service").isNotNull();
        assertThat(sent.path("user_id").asLong()).isEqualTo(Users.alice().id());
        return sent.path("content").asString();
    }

    private RawWebSocket open() throws Exception {
        return RawWebSocket.open(uri("/ws/chat/7/"), Map.of());
    }

    private URI uri(String path) {
        return URI.create("ws://localhost:" + port + path + "?access_token=" + TestTokens.of(Users.alice()));
    }
}
