package chat.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes of the architecture, most specific first: an upload path is also a conversation
 * path, a conversation's messages are served by message-service. Nothing routes to
 * {@code /internal/**}: every route is under {@code /api}, {@code /ws} or {@code /dev}, and
 * {@link PathGuard} refuses paths that could be rewritten into something else downstream.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouteLocator chatRoutes(RouteLocatorBuilder builder, GatewaySettings settings) {
        BodySizeLimit uploads = new BodySizeLimit(settings.maxAttachmentRequest());
        BodySizeLimit requests = new BodySizeLimit(settings.maxRequest());
        RouteLocatorBuilder.Builder routes = builder.routes()
                .route(
                        "attachments",
                        route -> route.path(
                                        "/api/conversations/{c}/messages/{m}/attachments",
                                        "/api/conversations/{c}/messages/{m}/attachments/**")
                                .filters(filters -> filters.filter(uploads))
                                .uri(settings.attachmentService()))
                .route(
                        "conversation-messages",
                        route -> route.path(
                                        "/api/conversations/{c}/messages",
                                        "/api/conversations/{c}/messages/**",
                                        "/api/conversations/{c}/read",
                                        "/api/conversations/{c}/read/**")
                                .filters(filters -> filters.filter(requests))
                                .uri(settings.messageService()))
                .route(
                        "messages",
                        route -> route.path("/api/messages", "/api/messages/**")
                                .filters(filters -> filters.filter(requests))
                                .uri(settings.messageService()))
                .route(
                        "conversations",
                        route -> route.path(
                                        "/api/conversations", "/api/conversations/**", "/api/users", "/api/users/**")
                                .filters(filters -> filters.filter(requests))
                                .uri(settings.conversationService()))
                .route("websocket", route -> route.path("/ws/**").uri(settings.realtimeWebSocket()));
        if (settings.devIssuer() != null) {
            routes.route(
                    "dev-token-issuer",
                    route -> route.path("/dev/**")
                            .filters(filters -> filters.filter(requests))
                            .uri(settings.devIssuer()));
        }
        return routes.build();
    }
}
