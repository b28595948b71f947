package chat.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Proxies a WebSocket by connecting to realtime-service first and answering the browser's upgrade
 * only then. The gateway's own WebSocket routing does it the other way round: the browser's socket
 * is open before the gateway has reached realtime-service, and events published in between are
 * lost to it. Here, once the browser sees its socket open, realtime-service has admitted it and
 * it hears everything from then on. If realtime-service cannot be reached, the browser gets an
 * HTTP error instead of a socket that closes at once. Frames, pings included, pass both ways
 * unchanged; a close on either side closes the other.
 */
@Component
class UpstreamFirstWebSockets implements GlobalFilter, Ordered {

    private final WebSocketClient client;
    private final WebSocketService upgrades;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;

    UpstreamFirstWebSockets(
            WebSocketClient client, WebSocketService upgrades, ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        this.client = client;
        this.upgrades = upgrades;
        this.headersFilters = headersFilters;
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
                    Bridge bridge = new Bridge(upstreamSession, Sinks.empty());
                    // the upgrade completes once the browser's socket is set up; the socket to
                    // realtime-service must stay open until the browser's has ended
                    return upgrades.handleRequest(exchange, bridge)
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
    private record Bridge(WebSocketSession upstream, Sinks.Empty<Void> ended) implements WebSocketHandler {

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
            Mono<Void> toUpstream = upstream.send(browser.receive().doOnNext(WebSocketMessage::retain));
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
