package chat.gateway;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers every request with its trace id ({@value #HEADER}), so that a frontend developer or a
 * support ticket can name the request, and operators find its spans and its log lines in every
 * service it reached (the gateway sends its {@code traceparent} on).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceIdHeader implements WebFilter {

    static final String HEADER = "X-Trace-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        traceId(exchange)
                .ifPresent(traceId -> exchange.getResponse().beforeCommit(() -> {
                    exchange.getResponse().getHeaders().set(HEADER, traceId);
                    return Mono.empty();
                }));
        return chain.filter(exchange);
    }

    static Optional<String> traceId(ServerWebExchange exchange) {
        return span(exchange).map(span -> span.context().traceId());
    }

    /** The span of the server observation that the web handler started for this exchange. */
    static Optional<Span> span(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan);
    }
}
