package chat.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import io.netty.handler.codec.TooLongFrameException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Proxies a WebSocket by connecting to realtime-service first and answering the browser's upgrade
 * only then. The gateway's own WebSocket routing does it the other way round: the browser's socket
 * is open before the gateway has reached realtime-service, and events published in between are
 * lost to it. Here, once the browser sees its socket open, realtime-service has admitted it and
 * it hears everything from then on. If realtime-service cannot be reached, the browser gets an
 * HTTP error instead of a socket that closes at once. Messages, binary ones and pings included,
 * pass both ways unchanged, a fragmented one joined into one frame; a close on either side closes
 * the other.
 *
 * <p>It is the only WebSocket proxy: the gateway's own routing filter is switched off, and with it
 * its client and upgrade handling, whose one frame limit would hold both ways. Here the browser's
 * side takes messages up to {@link WebSocketSettings#maxMessage()} and closes with 1009 on a larger
 * one, as realtime-service would; the side towards realtime-service takes events up to {@link
 * WebSocketSettings#maxEvent()}. Text that is not UTF-8 is passed on as it came: realtime-service
 * closes that socket with 1007, and its close code, like any, reaches the browser unchanged.
 */
@Component
@EnableConfigurationProperties(WebSocketSettings.class)
class UpstreamFirstWebSockets implements GlobalFilter, Ordered {

    private final WebSocketClient client;
    private final WebSocketService upgrades;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final CloseStatus tooBig;

    UpstreamFirstWebSockets(
            HttpClient gatewayHttpClient,
            WebSocketSettings settings,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        int maxMessage = Math.toIntExact(settings.maxMessage().toBytes());
        int maxEvent = Math.toIntExact(settings.maxEvent().toBytes());
        // pings are passed on, not answered here: realtime-service's pings must reach the
        // browser, and the browser's pongs must reach realtime-service, which listens for them
        this.client = new ReactorNettyWebSocketClient(
                gatewayHttpClient,
                () -> WebsocketClientSpec.builder().handlePing(true).maxFramePayloadLength(maxEvent));
        this.upgrades = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().handlePing(true).maxFramePayloadLength(maxMessage)));
        this.headersFilters = headersFilters;
        this.tooBig = CloseStatus.TOO_BIG_TO_PROCESS.withReason("A message may have at most " + maxMessage + " bytes.");
    }

    /** Just before the gateway's own {@link WebsocketRoutingFilter} (at the lowest precedence but one). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI upstream = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (upstream == null
                || isAlreadyRouted(exchange)
                || !upstream.getScheme().startsWith("ws")
                || !"websocket"
                        .equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        HttpHeaders headers = upstreamHeaders(exchange);
        return client.execute(upstream, headers, upstreamSession -> {
                    Bridge bridge = new Bridge(upstreamSession, Sinks.empty(), tooBig);
                    // the upgrade completes once the browser's socket is set up; the socket to
                    // realtime-service must stay open until the browser's has ended
                    // this runs on the thread of the connection to realtime-service; the browser's
                    // upgrade answered from it lost, on about one socket in ten, a message the
                    // browser sent the moment its socket opened: its own connection's thread answers it
                    return Mono.defer(() -> upgrades.handleRequest(exchange, bridge))
                            .subscribeOn(threadOf(exchange))
                            .then(bridge.ended().asMono());
                })
                .onErrorMap(
                        refused -> !exchange.getResponse().isCommitted() && !unreachable(refused),
                        refused ->
                                // realtime-service answered, but not with a socket: the browser has none either
                                new ResponseStatusException(
                                        HttpStatus.BAD_GATEWAY,
                                        "realtime-service did not accept the socket.",
                                        refused));
    }

    /** The event loop of the browser's connection. */
    private static Scheduler threadOf(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection
                ? Schedulers.fromExecutor(connection.channel().eventLoop())
                : Schedulers.immediate();
    }

    /** Not reached at all: the shared error handling answers that with 503. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The request's headers as the gateway forwards them, less the handshake's own. */
    private HttpHeaders upstreamHeaders(ServerWebExchange exchange) {
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(headersFilters.getIfAvailable(List::of), exchange);
        HttpHeaders headers = new HttpHeaders();
        filtered.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("sec-websocket") && !lower.equals("host")) {
                headers.addAll(name, values);
            }
        });
        return headers;
    }

    /** The browser's socket, joined to the already open one to realtime-service. */
    private record Bridge(WebSocketSession upstream, Sinks.Empty<Void> ended, CloseStatus tooBig)
            implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            String accepted = upstream.getHandshakeInfo().getSubProtocol();
            return accepted == null ? List.of() : List.of(accepted);
        }

        @Override
        public Mono<Void> handle(WebSocketSession browser) {
            Mono<Void> closeBrowser = upstream.closeStatus()
                    .defaultIfEmpty(CloseStatus.GOING_AWAY)
                    .filter(status -> browser.isOpen())
                    .flatMap(status -> browser.close(sendable(status)));
            Mono<Void> closeUpstream = browser.closeStatus()
                    .defaultIfEmpty(CloseStatus.GOING_AWAY)
                    .filter(status -> upstream.isOpen())
                    .flatMap(status -> upstream.close(sendable(status)));
            Mono.when(closeBrowser, closeUpstream).subscribe();
            Mono<Void> toUpstream = upstream.send(browser.receive()
                    .doOnNext(WebSocketMessage::retain)
                    // a message over the limit in fragments ends the browser's messages with an error
                    // (a single frame over it Netty refuses with 1009 by itself), which would close
                    // the socket with no code at all
                    .onErrorResume(
                            TooLongFrameException.class,
                            tooLong -> browser.close(tooBig).then(Mono.empty())));
            Mono<Void> toBrowser = browser.send(upstream.receive().doOnNext(WebSocketMessage::retain));
            return Mono.zip(toUpstream, toBrowser).then().doFinally(signal -> ended.tryEmitEmpty());
        }

        /** Codes that only report a state (1005, 1006, 1015) may not be sent in a close frame. */
        private static CloseStatus sendable(@Nullable CloseStatus status) {
            if (status == null || status.getCode() == 1006 || status.getCode() == 1015) {
                return CloseStatus.GOING_AWAY;
            }
            return status.getCode() == 1005 ? CloseStatus.NORMAL : status;
        }
    }
}
