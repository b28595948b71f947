package chat.realtime.delivery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A socket's server side as delivery sees it, recording what is written. A stuck one stands for a
 * client that reads nothing: each write blocks until the test releases it.
 */
final class TestSession implements WebSocketSession {

    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release;
    final List<WebSocketMessage<?>> sent = Collections.synchronizedList(new ArrayList<>());
    volatile @Nullable CloseStatus closedWith;
    private final Map<String, Object> attributes = new HashMap<>();
    private final String id;

    TestSession(String id, boolean stuck) {
        this.id = id;
        this.release = new CountDownLatch(stuck ? 1 : 0);
    }

    static TestSession stuck() {
        return new TestSession("stuck", true);
    }

    static TestSession reading(String id) {
        return new TestSession(id, false);
    }

    /** The text frames written so far, in order. */
    List<String> texts() {
        synchronized (sent) {
            return sent.stream()
                    .filter(TextMessage.class::isInstance)
                    .map(message -> ((TextMessage) message).getPayload())
                    .toList();
        }
    }

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
        return id;
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
