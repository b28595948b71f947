package chat.realtime.access;

import chat.common.security.ChatCaller;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Decides at the handshake to {@code /ws/chat/{id}/} whether the caller may follow the
 * conversation: its participants and staff (spec B.6). Every user may open their own stream,
 * {@code /ws/chat/}. Anyone else, and an unknown conversation,
 * is refused with close code {@value #REFUSED} right after the upgrade (spec B.13): the gateway
 * upgrades the browser's connection before it reaches this service, so an HTTP refusal here
 * would reach the browser only as a broken connection. The caller is kept on the session.
 */
@Component
public class Membership implements HandshakeInterceptor {

    public static final String CALLER = "chat.caller";
    public static final String CONVERSATION = "chat.conversation";
    public static final String REFUSAL = "chat.refusal";
    public static final int REFUSED = 4403;
    private static final Pattern USER_STREAM = Pattern.compile("/ws/chat/?");

    private final Conversations conversations;

    Membership(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        ChatCaller caller = ChatCaller.ofUser(jwt).orElse(null);
        String path = request.getURI().getPath();
        if (USER_STREAM.matcher(path).matches()) {
            // a user's own stream holds only their own conversations: every user may open it
            admit(attributes, caller, null);
            return true;
        }
        @Nullable Long conversation = conversationOf(path);
        boolean participant = caller != null
                && conversation != null
                && conversations
                        .participants(conversation)
                        .map(users -> caller.staff() || users.contains(caller.userId()))
                        .orElse(false);
        admit(attributes, participant ? caller : null, conversation);
        return true;
    }

    private static void admit(
            Map<String, Object> attributes, @Nullable ChatCaller caller, @Nullable Long conversation) {
        if (caller == null) {
            attributes.put(REFUSAL, REFUSED);
            return;
        }
        attributes.put(CALLER, caller);
        if (conversation != null) {
            attributes.put(CONVERSATION, conversation);
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    private static @Nullable Long conversationOf(String path) {
        String[] parts = path.split("/");
        try {
            return parts.length >= 4 ? Long.parseLong(parts[3]) : null;
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }
}
