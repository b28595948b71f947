package chat.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A real WebSocket server standing where realtime-service would. It keeps every message that
 * reached it, and answers two commands: {@code event:N} sends back a text message of N bytes,
 * {@code close:CODE} closes the socket with that code.
 */
final class WebSocketUpstream implements AutoCloseable {

    record Received(boolean text, byte[] payload) {}

    private final DisposableServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

    WebSocketUpstream() {
        int max = 4 * 1024 * 1024;
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> response.sendWebsocket(
                        (in, out) -> {
                            Sinks.Many<WebSocketFrame> replies =
                                    Sinks.many().unicast().onBackpressureBuffer();
                            in.receiveCloseStatus().subscribe(status -> closes.add(status.code()));
                            in.aggregateFrames(max)
                                    .receiveFrames()
                                    .doOnNext(frame -> {
                                        byte[] payload = ByteBufUtil.getBytes(frame.content());
                                        if (frame instanceof TextWebSocketFrame text) {
                                            received.add(new Received(true, payload));
                                            String command = text.text();
                                            if (command.startsWith("event:")) {
                                                replies.tryEmitNext(new TextWebSocketFrame(
                                                        "e".repeat(Integer.parseInt(command.substring(6)))));
                                            } else if (command.startsWith("close:")) {
                                                out.sendClose(Integer.parseInt(command.substring(6)), "as told")
                                                        .subscribe();
                                            }
                                        } else if (frame instanceof BinaryWebSocketFrame) {
                                            received.add(new Received(false, payload));
                                        }
                                    })
                                    .subscribe();
                            return out.sendObject(replies.asFlux()).neverComplete();
                        },
                        WebsocketServerSpec.builder().maxFramePayloadLength(max).build()))
                .bindNow();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The next message that reached this server, or null. */
    @Nullable
    Received next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code this server received from the gateway, or null. */
    @Nullable
    Integer closeCode(Duration wait) throws InterruptedException {
        return closes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
