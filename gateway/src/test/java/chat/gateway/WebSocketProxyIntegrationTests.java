package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import chat.gateway.WebSocketUpstream.Received;
import chat.testsupport.RawWebSocket;
import chat.testsupport.RawWebSocket.Frame;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.Users;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway does with each kind of frame on a proxied socket (spec B.14): messages up to
 * the limit pass whole, binary ones and pings too; what it refuses itself gets the close code
 * realtime-service would give, and realtime-service's close codes reach the browser unchanged.
 */
@ServiceIntegrationTest
class WebSocketProxyIntegrationTests {

    static final WebSocketUpstream REALTIME = new WebSocketUpstream();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int MAX = 64 * 1024;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.gateway.conversation-service", () -> "http://127.0.0.1:9");
        registry.add("chat.gateway.message-service", () -> "http://127.0.0.1:9");
        registry.add("chat.gateway.attachment-service", () -> "http://127.0.0.1:9");
        registry.add("chat.gateway.realtime-service", REALTIME::uri);
    }

    @AfterAll
    static void stopUpstream() {
        REALTIME.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void nothingLeftFromEarlierTests() throws InterruptedException {
        while (REALTIME.next(Duration.ZERO) != null || REALTIME.closeCode(Duration.ZERO) != null) {
            // drained
        }
    }

    @Test
    void passesAMessageOfExactlyTheLimitWhole() throws Exception {
        byte[] message = "m".repeat(MAX).getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, true, message);
            assertThat(received()).isEqualTo(message);
        }
    }

    @Test
    void joinsAFragmentedMessageIntoOne() throws Exception {
        byte[] message = "\uD83D\uDE00".repeat(MAX / 4).getBytes(StandardCharsets.UTF_8);
        // fragments that split characters: only the whole message has to be UTF-8
        int cut = MAX / 3 + 1;
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, false, Arrays.copyOfRange(message, 0, cut));
            socket.send(RawWebSocket.CONTINUATION, false, Arrays.copyOfRange(message, cut, 2 * cut));
            socket.send(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(message, 2 * cut, message.length));
            assertThat(received()).isEqualTo(message);
        }
    }

    @Test
    void passesBinaryMessagesAndPingsOnAndStaysOpen() throws Exception {
        byte[] ping = "ping payload".getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.BINARY, true, new byte[] {1, 2, 3});
            socket.send(RawWebSocket.PING, true, ping);
            socket.sendText("after");

            Received binary = REALTIME.next(WAIT);
            assertThat(binary).isNotNull();
            assertThat(binary.text()).isFalse();
            assertThat(binary.payload()).containsExactly(1, 2, 3);
            Frame pong = socket.next(WAIT);
            assertThat(pong).isNotNull();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.payload()).isEqualTo(ping);
            assertThat(new String(received(), StandardCharsets.UTF_8)).isEqualTo("after");
        }
    }

    @Test
    void passesEventsLargerThanTheLimitForClientsToTheBrowser() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.sendText("event:" + 4 * MAX);
            Frame event = socket.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(event.payload()).hasSize(4 * MAX);
        }
    }

    @Test
    void closesWith1009AMessageOneByteOverTheLimit() throws Exception {
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, true, new byte[MAX + 1]);
            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
        }
        assertThat(REALTIME.next(Duration.ofMillis(200))).isNull();
    }

    @Test
    void closesWith1009AFragmentedMessageOverTheLimit() throws Exception {
        byte[] half = "h".repeat(MAX / 2).getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, false, half);
            socket.send(RawWebSocket.CONTINUATION, false, half);
            socket.send(RawWebSocket.CONTINUATION, true, new byte[] {'h'});
            assertThat(socket.closeCode(WAIT)).isEqualTo(1009);
        }
    }

    /** realtime-service judges it, and closes with 1007: the next test shows that code reaches the browser. */
    @Test
    void passesTextThatIsNotUtf8OnAsItCame() throws Exception {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        try (RawWebSocket socket = open()) {
            socket.send(RawWebSocket.TEXT, true, notUtf8);
            assertThat(received()).isEqualTo(notUtf8);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1003, 1007, 1009, 4403})
    void passesRealtimeServicesCloseCodeOnUnchanged(int code) throws Exception {
        try (RawWebSocket socket = open()) {
            socket.sendText("close:" + code);
            assertThat(socket.closeCode(WAIT)).isEqualTo(code);
        }
    }

    /**
     * The browser's upgrade is answered on its own connection's thread: answered from the thread
     * of the connection to realtime-service, it lost such a message on about one socket in ten.
     */
    @Test
    void passesOnAMessageSentTheMomentTheSocketOpened() throws Exception {
        for (int i = 0; i < 40; i++) {
            try (RawWebSocket socket = open()) {
                socket.sendText("right away " + i);
                assertThat(new String(received(), StandardCharsets.UTF_8)).isEqualTo("right away " + i);
            }
        }
    }

    private byte[] received() throws InterruptedException {
        Received next = REALTIME.next(WAIT);
        assertThat(next).as("a message reached realtime-service").isNotNull();
        assertThat(next.text()).isTrue();
        return next.payload();
    }

    private RawWebSocket open() throws Exception {
        return RawWebSocket.open(
                URI.create("ws://localhost:" + port + "/ws/chat/1/?access_token=" + TestTokens.of(Users.alice())),
                Map.of());
    }
}
