package chat.gateway;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The API's documentation, served by the gateway itself and open without a token:
 * {@code /api/docs} the merged OpenAPI document, {@code /api/docs/ui/} a Swagger UI on it.
 * These handlers come before the gateway's routes, none of which takes these paths.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    static final String DOCUMENT = "/api/docs";
    static final String UI = "/api/docs/ui/";

    @Bean
    ApiDocs apiDocs(GatewaySettings settings) {
        return new ApiDocs(settings, WebClient.create(), Clock.systemUTC());
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsHandlers(ApiDocs docs) {
        return RouterFunctions.route()
                .GET(DOCUMENT, docs::document)
                .GET(DOCUMENT + "/", docs::document)
                .GET(
                        "/api/docs/ui",
                        request -> ServerResponse.permanentRedirect(java.net.URI.create(UI))
                                .build())
                .GET(UI, ApiDocs::ui)
                .GET(UI + "index.html", ApiDocs::ui)
                .build()
                .and(RouterFunctions.resources(ApiDocs::uiFile));
    }

    /** Open to anyone, before the chain that asks every other path for a token. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiDocsSecurity(ServerHttpSecurity http) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(DOCUMENT, DOCUMENT + "/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }
}
