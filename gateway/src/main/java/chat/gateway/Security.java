package chat.gateway;

import chat.common.security.ChatJwt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Checks tokens at the door by the rules every service applies again (spec B.2): health (on the
 * management port), CORS preflights and the development issuer are open, everything else needs a
 * valid token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySettings.class)
class Security {

    static final String TOKEN_PARAMETER = "access_token";

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            ServerAuthenticationEntryPoint refusal,
            ServerAccessDeniedHandler denied,
            CorsConfigurationSource cors,
            RateLimits rateLimits) {
        // a call without a valid token is refused here; on a limited route it draws on its
        // client address's allowance first (spec B.18)
        ServerAuthenticationEntryPoint entryPoint = rateLimits.countingUnauthenticated(refusal);
        return http.authorizeExchange(exchanges -> exchanges
                        // served on the management port only (health and info); on the public port
                        // the path is unrouted, so anyone hears 404 rather than a request for a token
                        .pathMatchers("/actuator", "/actuator/**")
                        .permitAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .pathMatchers("/dev/**")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(token -> Mono.just(ChatJwt.authentication(token))))
                        .bearerTokenConverter(tokenConverter())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .cors(corsSpec -> corsSpec.configurationSource(cors))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }

    /**
     * The {@code Authorization} header everywhere; on WebSocket paths also the {@code access_token}
     * query parameter or cookie (spec B.13), since browsers cannot set headers on a WebSocket.
     */
    static ServerAuthenticationConverter tokenConverter() {
        ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
        ServerBearerTokenAuthenticationConverter headerOrQuery = new ServerBearerTokenAuthenticationConverter();
        headerOrQuery.setAllowUriQueryParameter(true);
        PathPatternParserServerWebExchangeMatcher webSocket = new PathPatternParserServerWebExchangeMatcher("/ws/**");
        return exchange -> webSocket.matches(exchange).flatMap(match -> {
            if (!match.isMatch()) {
                return header.convert(exchange);
            }
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(TOKEN_PARAMETER);
            return headerOrQuery
                    .convert(exchange)
                    .switchIfEmpty(Mono.justOrEmpty(cookie)
                            .map(HttpCookie::getValue)
                            .filter(value -> !value.isBlank())
                            .map(BearerTokenAuthenticationToken::new));
        });
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySettings settings) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.corsAllowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        List<String> exposed = new ArrayList<>(List.of("Location", TraceIdHeader.HEADER));
        exposed.addAll(RateLimits.HEADERS);
        configuration.setExposedHeaders(exposed);
        // cookies carry the WebSocket token for browsers (spec B.13)
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
