package chat.common.internal;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.client.RestClient;

/** Service-to-service calls, for services that declare the OAuth2 client dependency. */
@AutoConfiguration(after = OAuth2ClientAutoConfiguration.class)
@ConditionalOnClass({RestClient.class, AuthorizedClientServiceOAuth2AuthorizedClientManager.class})
@ConditionalOnBean(ClientRegistrationRepository.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InternalApiAutoConfiguration {

    @Bean
    InternalApiClients internalApiClients(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients,
            Environment environment) {
        // Outside any user's request: the service's own client, cached until its token expires.
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials()
                .build());
        Duration timeout = environment.getProperty("chat.internal-api.timeout", Duration.class, Duration.ofSeconds(3));
        return new InternalApiClients(manager, timeout);
    }
}
