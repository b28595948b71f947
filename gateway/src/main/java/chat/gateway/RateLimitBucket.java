package chat.gateway;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which allowance a request draws on. Sends and uploads are counted apart from everything else,
 * so that paging through history or a reconnect's reloads never cost a user their sends, and a
 * burst of photos none of their messages. WebSockets ({@code /ws/**}), the development issuer
 * ({@code /dev/**}) and any path outside {@code /api} draw on none.
 */
enum RateLimitBucket {
    SEND("send", "Too many messages sent"),
    UPLOAD("upload", "Too many uploads"),
    READ("read", "Too many requests");

    /** The attachment route of {@link Routes}: a POST there carries a file of up to 10 MB. */
    private static final PathPattern ATTACHMENTS = pattern("/api/conversations/{c}/messages/{m}/attachments/**");

    private static final List<PathPattern> SENDS = List.of(
            pattern("/api/messages"),
            pattern("/api/messages/"),
            pattern("/api/conversations/{c}/messages"),
            pattern("/api/conversations/{c}/messages/"));

    private static final PathPattern API = pattern("/api/**");

    /** The meter tag. */
    final String tag;
    /** The start of the 429's {@code detail}, as a frontend shows it to the user. */
    final String tooMany;

    RateLimitBucket(String tag, String tooMany) {
        this.tag = tag;
        this.tooMany = tooMany;
    }

    static @Nullable RateLimitBucket of(ServerHttpRequest request) {
        return of(request.getMethod(), request.getPath().pathWithinApplication());
    }

    static @Nullable RateLimitBucket of(HttpMethod method, PathContainer path) {
        if (!API.matches(path)) {
            return null;
        }
        if (HttpMethod.POST.equals(method)) {
            if (ATTACHMENTS.matches(path)) {
                return UPLOAD;
            }
            if (SENDS.stream().anyMatch(send -> send.matches(path))) {
                return SEND;
            }
        }
        return READ;
    }

    private static PathPattern pattern(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
