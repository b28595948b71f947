package chat.gateway;

import java.net.URI;
import org.jspecify.annotations.Nullable;
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
        String normalized = normalized(raw);
        if (!raw.equals(normalized)) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "The path must not contain empty or dot segments."));
        }
        if (normalized.equals("/internal") || normalized.startsWith("/internal/")) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    /**
     * The path with dot and empty segments resolved, or null if it is no path at all. It is read
     * under a fixed scheme and host: on its own, a path starting with {@code //} would be taken
     * for a host name.
     */
    static @Nullable String normalized(String rawPath) {
        try {
            return URI.create("http://gateway" + rawPath).normalize().getRawPath();
        } catch (IllegalArgumentException notAPath) {
            return null;
        }
    }
}
