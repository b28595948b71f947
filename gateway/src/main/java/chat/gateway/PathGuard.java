package chat.gateway;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code /internal/**} unreachable from outside: the path is forwarded as received, and a
 * service would resolve {@code /api/../internal/x} or an encoded slash to its internal API. Such
 * paths are refused before routing, and {@code /internal} itself is "not found".
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathGuard implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || raw.contains("\\")) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "The path must not contain encoded slashes or dots."));
        }
        String normalized = URI.create(raw).normalize().getPath();
        if (!normalized.equals(raw)) {
            return Mono.error(
                    new ResponseStatusException(HttpStatus.BAD_REQUEST, "The path must not contain dot segments."));
        }
        if (normalized.equals("/internal") || normalized.startsWith("/internal/")) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }
}
