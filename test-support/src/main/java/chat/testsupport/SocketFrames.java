package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.RawWebSocket.Frame;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test's socket receives, read as a frontend reads it: each text frame checked against the
 * protocol's schema of its type ({@link SocketSchemas}); pings, the only other frames a server
 * sends unasked, are skipped.
 */
public final class SocketFrames {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SocketFrames() {}

    /** The next text frame within {@code wait}, which must arrive. */
    public static JsonNode next(RawWebSocket socket, Duration wait) throws InterruptedException {
        JsonNode frame = nextOrNone(socket, wait);
        assertThat(frame).as("a frame arrived").isNotNull();
        return frame;
    }

    /** The next text frame within {@code wait}, or null if none came. */
    public static @Nullable JsonNode nextOrNone(RawWebSocket socket, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Frame frame = socket.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                return null;
            }
            if (frame.opcode() == RawWebSocket.TEXT) {
                SocketSchemas.assertMatchesSchema(frame.text());
                return JSON.readTree(frame.text());
            }
            assertThat(frame.opcode()).as("only pings besides text").isEqualTo(RawWebSocket.PING);
        }
    }

    /**
     * Does {@code action} every half second until {@code socket} receives a frame (at most 30 s):
     * a service's listeners join their topics at the latest offset, perhaps after the first try.
     */
    public static JsonNode untilReceived(RawWebSocket socket, Action action) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            action.run();
            JsonNode frame = nextOrNone(socket, Duration.ofMillis(500));
            if (frame != null) {
                return frame;
            }
        }
        throw new AssertionError("no frame arrived within 30 s");
    }

    /** Something a test does that should make a frame arrive. */
    public interface Action {
        void run() throws Exception;
    }
}
