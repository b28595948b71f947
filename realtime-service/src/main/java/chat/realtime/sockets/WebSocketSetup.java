package chat.realtime.sockets;

import chat.realtime.access.Membership;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@code /ws/chat/{id}/} and {@code /ws/chat/}. A browser's Origin is checked at the gateway, which refuses an origin it
 * is not configured for (its CORS rules cover the handshake) and adds an Origin of its own on the
 * way here; so this service, reachable only behind the gateway, admits any.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(RealtimeSettings.class)
class WebSocketSetup implements WebSocketConfigurer {

    private final ChatSocketHandler conversationSockets;
    private final UserStreamHandler userStreams;
    private final Membership membership;

    WebSocketSetup(ChatSocketHandler conversationSockets, UserStreamHandler userStreams, Membership membership) {
        this.conversationSockets = conversationSockets;
        this.userStreams = userStreams;
        this.membership = membership;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(conversationSockets, "/ws/chat/{conversation}", "/ws/chat/{conversation}/")
                .addInterceptors(membership)
                .setAllowedOriginPatterns("*");
        registry.addHandler(userStreams, "/ws/chat", "/ws/chat/")
                .addInterceptors(membership)
                .setAllowedOriginPatterns("*");
    }

    /** Closes every socket with 1001 before the web server stops, so clients reconnect elsewhere. */
    @Bean
    SmartLifecycle closeSocketsOnShutdown(Sockets sockets) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                sockets.closeAll();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 10;
            }
        };
    }
}
