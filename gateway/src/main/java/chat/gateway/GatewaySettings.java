package chat.gateway;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the services are, and what the gateway lets through.
 *
 * @param devIssuer the development token issuer; when set (local stack only) {@code /dev/**}
 *     reaches it
 * @param maxAttachmentRequest the largest upload request on the attachment route: the 10 MB file
 *     plus the multipart framing; attachment-service enforces the exact file limit
 * @param maxRequest the largest request body on every other route
 */
@ConfigurationProperties("chat.gateway")
record GatewaySettings(
        URI conversationService,
        URI messageService,
        URI attachmentService,
        URI realtimeService,
        @Nullable URI devIssuer,
        List<String> corsAllowedOrigins,
        @DefaultValue("11MB") DataSize maxAttachmentRequest,
        @DefaultValue("1MB") DataSize maxRequest) {

    URI realtimeWebSocket() {
        String http = realtimeService.toString();
        return URI.create(http.replaceFirst("^http", "ws"));
    }
}
