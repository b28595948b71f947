package chat.loadtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A WebSocket of java.net.http that hands every text frame, with the moment it was complete
 * ({@link System#nanoTime()}), to a consumer on the client's own thread, and lets several threads
 * send text frames one after another.
 */
final class ChatSocket implements WebSocket.Listener {

    private final BiConsumer<String, Long> onText;
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final AtomicLong frames = new AtomicLong();
    private WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private ChatSocket(BiConsumer<String, Long> onText) {
        this.onText = onText;
    }

    /** Opens {@code uri}, waiting for the handshake up to 20 s. */
    static ChatSocket open(HttpClient client, URI uri, BiConsumer<String, Long> onText) {
        ChatSocket listener = new ChatSocket(onText);
        try {
            listener.socket = client.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(uri, listener)
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot open " + uri.toString().replaceAll("access_token=[^&]*", "access_token=…"), e);
        }
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (last && partial.isEmpty()) {
            frames.incrementAndGet();
            onText.accept(data.toString(), now);
        } else {
            partial.append(data);
            if (last) {
                frames.incrementAndGet();
                onText.accept(partial.toString(), now);
                partial.setLength(0);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // answered with a pong by the client itself
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Sends a text frame after the ones queued before it; the future completes once written. */
    synchronized CompletableFuture<?> send(String text) {
        CompletableFuture<?> next =
                lastSend.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
        lastSend = next;
        return next;
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
