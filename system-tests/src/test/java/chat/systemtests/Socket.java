package chat.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A WebSocket client as a frontend opens one, collecting what the server sends. */
final class Socket implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private Socket(URI uri, Map<String, String> headers) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(Api.JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
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
        return new Socket(URI.create("ws://localhost:" + stack.port + path), headers);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next event, or null if none came within {@code wait}. */
    @Nullable
    JsonNode next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting for it up to {@code wait}. */
    int closeCode(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
