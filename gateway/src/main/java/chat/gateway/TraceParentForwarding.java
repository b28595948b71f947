package chat.gateway;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends the trace on to the service a request is routed to: its {@code traceparent} names the
 * gateway's own server span, so the service's span is that span's child. It replaces Spring Cloud
 * Gateway's observation of each proxied call ({@code CHAT_GATEWAY_OBSERVABILITY}), which does the
 * same with a client span of its own at about a tenth of the gateway's CPU per request.
 */
@Component
class TraceParentForwarding implements HttpHeadersFilter {

    private final Propagator propagator;

    TraceParentForwarding(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return TraceIdHeader.span(exchange)
                .map(span -> {
                    HttpHeaders forwarded = new HttpHeaders();
                    forwarded.addAll(input);
                    // the client's own traceparent was continued by the server span: replaced, not kept
                    propagator.fields().forEach(forwarded::remove);
                    propagator.inject(span.context(), forwarded, HttpHeaders::set);
                    return forwarded;
                })
                .orElse(input);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
