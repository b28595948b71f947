package chat.realtime.sockets;

import chat.realtime.access.Membership;
import chat.realtime.delivery.RealtimeSettings;
import chat.realtime.delivery.Sockets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

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

    /**
     * Tomcat's buffers for one whole incoming message, which it otherwise keeps at 8 KiB: a
     * {@code chat_message} at the content limit in emoji escaped as {@code \\uXXXX} pairs is 48 KB.
     * Text is buffered decoded, in chars; a message of N bytes of UTF-8 has at most N chars, so
     * N chars hold every message within the limit, and {@link ClientFrames} refuses by bytes what
     * fits in chars but is still over it. Tomcat closes a larger message with 1009 by itself.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RealtimeSettings settings) {
        int max = Math.toIntExact(settings.maxMessageSize().toBytes());
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(max);
        container.setMaxBinaryMessageBufferSize(max);
        return container;
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
