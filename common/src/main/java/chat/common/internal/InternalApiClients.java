package chat.common.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Clients for another chat service's {@code /internal/**} API: every call carries this service's
 * own token (client credentials of registration {@value #REGISTRATION}) and gives up after a
 * short timeout rather than holding a user's request.
 */
public class InternalApiClients {

    public static final String REGISTRATION = "chat-service";

    private final OAuth2ClientHttpRequestInterceptor serviceToken;
    private final Duration timeout;

    public InternalApiClients(OAuth2AuthorizedClientManager clients, Duration timeout) {
        this.serviceToken = new OAuth2ClientHttpRequestInterceptor(clients);
        this.serviceToken.setClientRegistrationIdResolver(request -> REGISTRATION);
        this.timeout = timeout;
    }

    public RestClient to(URI service) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(service.toString())
                .requestFactory(requests)
                .requestInterceptor(serviceToken)
                .build();
    }
}
