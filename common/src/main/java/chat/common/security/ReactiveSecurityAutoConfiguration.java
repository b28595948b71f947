package chat.common.security;

import chat.common.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import reactor.core.publisher.Mono;

/**
 * The token rules of spec B.2 for the reactive gateway: the same decoder rules as the services,
 * and refusals with the error body of spec B.4. The gateway composes its own filter chain.
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ReactiveJwtDecoder.class, ServerAuthenticationEntryPoint.class})
@EnableConfigurationProperties(SecuritySettings.class)
public class ReactiveSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(SecuritySettings settings) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        settings.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> rules = ChatJwt.validator(settings, false);
        decoder.setJwtValidator(rules);
        return settings.verifiedTokens(rules).caching(decoder);
    }

    /**
     * No observation around each security filter, authentication and authorization: a wrapper
     * per filter cost a tenth of a request's CPU, and the request as a whole is still observed.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    ServerAuthenticationEntryPoint problemServerAuthenticationEntryPoint() {
        return (exchange, failure) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", AuthenticationFailures.challenge(failure));
            return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, AuthenticationFailures.detail(failure));
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ServerAccessDeniedHandler problemServerAccessDeniedHandler() {
        return (exchange, denied) ->
                write(exchange.getResponse(), HttpStatus.FORBIDDEN, AuthenticationFailures.FORBIDDEN);
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
        response.setStatusCode(status);
        response.getHeaders().set("Content-Type", ProblemWriter.CONTENT_TYPE);
        DataBuffer buffer = response.bufferFactory().wrap(ProblemWriter.body(status, detail));
        return response.writeWith(Mono.just(buffer));
    }
}
