package chat.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A WebSocket client as a frontend opens one, collecting what the server sends with the moment it
 * arrived. A stalled one reads nothing at all, like a client whose tab froze.
 */
final class Socket implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Semaphore pings = new Semaphore(0);
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();

    private Socket(URI uri, Map<String, String> headers, boolean reading) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public void onOpen(WebSocket webSocket) {
                        if (reading) {
                            webSocket.request(1);
                        }
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(new Received(Api.JSON.readTree(partial.toString()), System.nanoTime()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                        // the client answers with a pong by itself, as browsers do
                        pings.release();
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
                        pongs.add(ByteBuffer.allocate(message.remaining())
                                .put(message)
                                .flip());
                        webSocket.request(1);
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
                })
                .get(10, TimeUnit.SECONDS);
    }

    static Socket open(RunningStack stack, String path, Map<String, String> headers) throws Exception {
        return open(URI.create("ws://localhost:" + stack.port + path), headers);
    }

    static Socket open(URI uri, Map<String, String> headers) throws Exception {
        return new Socket(uri, headers, true);
    }

    /** A socket that never reads what it is sent, nor answers pings. */
    static Socket openStalled(RunningStack stack, String path, Map<String, String> headers) throws Exception {
        return new Socket(URI.create("ws://localhost:" + stack.port + path), headers, false);
    }

    /** A stalled socket starts reading again, first everything that waited for it. */
    void readAgain() {
        socket.request(1);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** One message in {@code parts} frames (a first one and continuations), as a client may fragment it. */
    void sendInParts(String text, int parts) {
        int step = Math.max(1, text.length() / parts);
        int start = 0;
        while (start < text.length()) {
            int end = text.length() - start < 2 * step ? text.length() : start + step;
            socket.sendText(text.substring(start, end), end == text.length()).join();
            start = end;
        }
    }

    /** A binary frame, which a chat client never sends: input the server must ignore (spec B.14). */
    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void sendPing(byte[] payload) {
        socket.sendPing(ByteBuffer.wrap(payload)).join();
    }

    /** The payload of the next pong, or null if none came within {@code wait}. */
    byte @Nullable [] nextPong(Duration wait) throws InterruptedException {
        ByteBuffer pong = pongs.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (pong == null) {
            return null;
        }
        byte[] payload = new byte[pong.remaining()];
        pong.get(payload);
        return payload;
    }

    /** The next event, or null if none came within {@code wait}. */
    @Nullable
    JsonNode next(Duration wait) throws InterruptedException {
        Received next = nextReceived(wait);
        return next == null ? null : next.event();
    }

    /** The next event with the moment it arrived ({@link System#nanoTime()}), or null. */
    @Nullable
    Received nextReceived(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a ping from the server, which realtime-service sends every few seconds. */
    boolean awaitPing(Duration wait) throws InterruptedException {
        return pings.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting for it up to {@code wait}. */
    int closeCode(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the connection ended, by a close frame or by an error, within {@code wait}. */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException ended) {
            return true;
        } catch (java.util.concurrent.TimeoutException open) {
            return false;
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    record Received(JsonNode event, long atNanos) {}
}
