package chat.common.openapi;

import chat.common.security.ChatCaller;
import chat.common.security.ServletSecurityAutoConfiguration;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.media.JsonSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

/**
 * A servlet service with springdoc on its classpath documents its public API ({@code /api/**},
 * see chat-defaults.properties) by the conventions of {@link ApiConventions}.
 */
@AutoConfiguration(after = ServletSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    /** Where springdoc serves the document (its default), open to the gateway without a token. */
    public static final String DOCUMENT_PATH = "/v3/api-docs";

    static {
        SpringDocUtils.getConfig()
                // the caller comes from the token, never from the request's parameters
                .addRequestWrapperToIgnore(ChatCaller.class)
                // Jackson 3's tree is any JSON value; where an operation takes a known shape, its
                // annotation says which
                .replaceWithSchema(JsonNode.class, new JsonSchema());
    }

    @Bean
    OpenApiCustomizer chatApiConventions(@Value("${spring.application.name}") String service) {
        return new ApiConventions(service);
    }

    @Bean
    ModelConverter chatRecordSchemas() {
        return new RecordSchemas();
    }

    /**
     * The document is read without a token: the gateway fetches it to merge, and what it lists is
     * public anyway. This chain comes before the service's own, which answers every other path.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityFilterChain.class)
    static class OpenDocument {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain openApiDocumentChain(HttpSecurity http) throws Exception {
            return http.securityMatcher(DOCUMENT_PATH, DOCUMENT_PATH + "/**")
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .requestCache(cache -> cache.disable())
                    .build();
        }
    }
}
