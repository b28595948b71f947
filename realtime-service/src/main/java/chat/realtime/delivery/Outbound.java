package chat.realtime.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * What one socket is still to be sent. Sends never run on the caller's thread: the Kafka listener
 * that fans an event out to every socket only queues it, and one virtual thread per busy socket
 * writes. A client that stops reading therefore delays nobody else; it is closed once its queue
 * exceeds the buffer limit, or once one write has taken longer than the send time limit.
 */
final class Outbound {

    /** Tomcat's own bound on one blocking write; without it a stuck write would wait 20 s. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession socket;
    private final SocketMetrics.Stream stream;
    private final SocketMetrics metrics;
    private final long sendTimeLimitNanos;
    private final long bufferLimitBytes;

    // Guarded by this.
    private final Queue<Queued> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private long writeStartedNanos;
    private boolean closed;

    private final Clock clock;
    private volatile long lastHeardNanos;

    Outbound(
            WebSocketSession socket,
            SocketMetrics.Stream stream,
            RealtimeSettings settings,
            SocketMetrics metrics,
            Clock clock) {
        this.socket = socket;
        this.clock = clock;
        this.lastHeardNanos = nanos();
        this.stream = stream;
        this.metrics = metrics;
        this.sendTimeLimitNanos = settings.sendTimeLimit().toNanos();
        this.bufferLimitBytes = settings.sendBufferLimit().toBytes();
        if (socket instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session standard = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (standard != null) {
                standard.getUserProperties()
                        .put(
                                TOMCAT_BLOCKING_SEND_TIMEOUT,
                                settings.sendTimeLimit().toMillis());
            }
        }
    }

    /** An event without a moment of creation: typing, resync. */
    void sendText(String text) {
        send(new Queued(new TextMessage(text), 0));
    }

    /** An event the writing service created at {@code createdAtMillis}, for the delivery latency. */
    void sendEvent(String text, long createdAtMillis) {
        send(new Queued(new TextMessage(text), createdAtMillis));
    }

    /** A reply to the client ({@code ack}, {@code error}): no event, so not counted as one delivered. */
    void sendReply(String text) {
        send(new Queued(new TextMessage(text), -1));
    }

    void ping() {
        send(new Queued(new PingMessage(), -1));
    }

    /** The client answered a ping or sent something: it is alive. */
    void heard() {
        lastHeardNanos = nanos();
    }

    /** True when nothing was heard from the client for {@code silence}. */
    boolean silentFor(Duration silence) {
        return nanos() - lastHeardNanos > silence.toNanos();
    }

    /** Now, on the injected clock (the system's, or one a test moves), in nanoseconds. */
    private long nanos() {
        return Duration.ofMillis(clock.millis()).toNanos();
    }

    private void send(Queued message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean stuck = draining && writeStartedNanos != 0 && nanos() - writeStartedNanos > sendTimeLimitNanos;
            if (stuck || queuedBytes + message.bytes() > bufferLimitBytes) {
                metrics.closedSlow();
                close(CloseStatus.SESSION_NOT_RELIABLE);
                return;
            }
            queue.add(message);
            queuedBytes += message.bytes();
            if (draining) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name("socket-send-" + socket.getId()).start(this::drain);
    }

    private void drain() {
        while (true) {
            Queued next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closed) {
                    draining = false;
                    return;
                }
                queuedBytes -= next.bytes();
                writeStartedNanos = nanos();
            }
            try {
                socket.sendMessage(next.message());
                if (next.createdAtMillis() >= 0) {
                    metrics.delivered(stream, next.createdAtMillis());
                }
            } catch (IOException | RuntimeException slowOrGone) {
                close(CloseStatus.SESSION_NOT_RELIABLE);
            } finally {
                synchronized (this) {
                    writeStartedNanos = 0;
                }
            }
        }
    }

    /**
     * Closes the socket without waiting: a socket whose write is stuck may take until Tomcat's
     * timeout to close, and the caller may be the thread that feeds every other socket.
     */
    void close(CloseStatus status) {
        if (markClosed()) {
            Thread.ofVirtual().name("socket-close-" + socket.getId()).start(() -> closeNow(status));
        }
    }

    /** Closes the socket on this thread, as shutdown does before the web server stops. */
    void closeAndWait(CloseStatus status) {
        if (markClosed()) {
            closeNow(status);
        }
    }

    private synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        queue.clear();
        queuedBytes = 0;
        return true;
    }

    /**
     * A message waiting for the socket; {@code createdAtMillis} 0 for events without one, -1 for
     * what is no event (pings, replies).
     */
    private record Queued(WebSocketMessage<?> message, long createdAtMillis) {

        int bytes() {
            return message.getPayloadLength();
        }
    }

    private void closeNow(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // nothing left to release
        }
    }
}
