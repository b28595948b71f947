package chat.common.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What every chat process's servlet security shares, whatever its paths admit: bearer tokens
 * only, read as {@link ChatJwt} reads them, refusals in the error body, no session, cookie-less
 * CSRF, login form or saved request. A process adds its own {@code authorizeHttpRequests}.
 */
public final class StatelessResourceServer {

    private StatelessResourceServer() {}

    public static HttpSecurity apply(
            HttpSecurity http,
            JwtDecoder decoder,
            BearerTokenResolver tokens,
            AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler denied) {
        return http.oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(ChatJwt::authentication))
                        .bearerTokenResolver(tokens)
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
    }
}
