package chat.common.security;

import chat.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every servlet service is an OAuth2 resource server with the token rules of spec B.2: health is
 * open, {@code /internal/**} is for the other chat services' own tokens, everything else for end
 * users' tokens, and refusals carry the error body of spec B.4.
 * Controllers take the caller as a {@link ChatCaller} parameter.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@EnableConfigurationProperties(SecuritySettings.class)
public class ServletSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecuritySettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        settings.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> rules = ChatJwt.validator(settings, true);
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
    AuthenticationEntryPoint problemAuthenticationEntryPoint() {
        return (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", AuthenticationFailures.challenge(failure));
            write(response, HttpStatus.UNAUTHORIZED, AuthenticationFailures.detail(failure));
        };
    }

    @Bean
    @ConditionalOnMissingBean
    AccessDeniedHandler problemAccessDeniedHandler() {
        return (request, response, denied) -> write(response, HttpStatus.FORBIDDEN, AuthenticationFailures.FORBIDDEN);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain chatSecurityFilterChain(
            HttpSecurity http,
            JwtDecoder decoder,
            AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler denied,
            ObjectProvider<BearerTokenResolver> tokenLocations) {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                .permitAll()
                .requestMatchers("/internal", "/internal/**")
                .hasAuthority(ChatJwt.SERVICE_AUTHORITY)
                .anyRequest()
                .hasAuthority(ChatJwt.USER_AUTHORITY));
        StatelessResourceServer.apply(
                http, decoder, tokenLocations.getIfAvailable(DefaultBearerTokenResolver::new), entryPoint, denied);
        return http.build();
    }

    @Bean
    WebMvcConfigurer chatCallerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    private static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(ProblemWriter.CONTENT_TYPE);
        response.getOutputStream().write(ProblemWriter.body(status, detail));
    }

    /** Resolves a {@link ChatCaller} controller parameter from the authenticated token. */
    static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ChatCaller.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest,
                WebDataBinderFactory binderFactory) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                return ChatCaller.from(jwt);
            }
            throw new IllegalStateException("ChatCaller requested on a path that does not require authentication");
        }
    }
}
