package chat.realtime.access;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.stereotype.Component;

/**
 * Where a WebSocket handshake carries its token (spec B.13): the {@code Authorization} header, or,
 * since browsers cannot set headers on a WebSocket, the {@code access_token} query parameter or
 * cookie. Elsewhere only the header counts.
 */
@Component
class TokenLocations implements BearerTokenResolver {

    static final String NAME = "access_token";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

    TokenLocations() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/ws/")) {
            return header.resolve(request);
        }
        String token = headerOrQuery.resolve(request);
        if (token == null && request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return token;
    }
}
