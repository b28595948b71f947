package chat.realtime.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/** A socket whose client stops reading is closed and counted, without holding up its caller. */
class OutboundTests {

    private static final String EVENT = "x".repeat(60);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMetrics metrics = new SocketMetrics(registry);
    private final StuckSession session = new StuckSession();

    @AfterEach
    void release() {
        session.release.countDown();
    }

    private Outbound outbound(Duration sendTimeLimit) {
        RealtimeSettings settings = new RealtimeSettings(
                sendTimeLimit, DataSize.ofBytes(100), Duration.ofSeconds(25), DataSize.ofKilobytes(64));
        return new Outbound(session, SocketMetrics.Stream.CONVERSATION, settings, metrics);
    }

    private double closedSlow() {
        return registry.get("chat.sockets.closed.slow").counter().count();
    }

    @Test
    void closesASocketWhoseQueueOutgrowsTheBufferAndCountsIt() throws Exception {
        Outbound out = outbound(Duration.ofSeconds(5));
        out.sendEvent(EVENT, 1); // being written, stuck
        assertThat(session.writing.await(5, TimeUnit.SECONDS)).isTrue();
        out.sendEvent(EVENT, 1); // queued: 60 of 100 bytes
        assertThat(closedSlow()).isZero();
        out.sendEvent(EVENT, 1); // 120 bytes would queue
        assertThat(closedSlow()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.closedWith != null);
        assertThat(session.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
    }

    @Test
    void closesASocketWhoseWriteTookLongerThanTheTimeLimitAtTheNextSend() throws Exception {
        Outbound out = outbound(Duration.ofMillis(50));
        out.sendEvent(EVENT, 1);
        assertThat(session.writing.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        out.sendText("{\"type\":\"typing\"}");
        assertThat(closedSlow()).isEqualTo(1);
    }

    @Test
    void countsWhatItWroteAndNotThePings() throws Exception {
        session.release.countDown();
        Outbound out = outbound(Duration.ofSeconds(5));
        out.ping();
        out.sendEvent(EVENT, System.currentTimeMillis());
        out.sendText("{\"type\":\"typing\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> session.sent.size() == 3);
        assertThat(registry.get("chat.events.delivered")
                        .tag("stream", "conversation")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("chat.delivery.latency").timer().count()).isEqualTo(1);
        assertThat(closedSlow()).isZero();
    }

    /** A client that reads nothing until released: each write blocks. */
    private static final class StuckSession implements WebSocketSession {

        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<WebSocketMessage<?>> sent = Collections.synchronizedList(new ArrayList<>());
        volatile @Nullable CloseStatus closedWith;
        private final Map<String, Object> attributes = new HashMap<>();

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(message);
        }

        @Override
        public void close(CloseStatus status) {
            closedWith = status;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public String getId() {
            return "stuck";
        }

        @Override
        public @Nullable URI getUri() {
            return null;
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public @Nullable Principal getPrincipal() {
            return null;
        }

        @Override
        public @Nullable InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public @Nullable InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public @Nullable String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }
    }
}
