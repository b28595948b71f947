package chat.common.internal;

import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
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

    private static final int MAX_CONNECTIONS = 64;

    /**
     * Whose token a call carries: always the service's own. Left to the interceptor's default,
     * the principal would be the end user of the request at hand, and the service would fetch
     * and keep one client-credentials token per user instead of one for all.
     */
    private static final Authentication SERVICE = new AnonymousAuthenticationToken(
            REGISTRATION, REGISTRATION, AuthorityUtils.createAuthorityList("ROLE_SERVICE"));

    private final OAuth2ClientHttpRequestInterceptor serviceToken;

    private final Duration timeout;

    public InternalApiClients(OAuth2AuthorizedClientManager clients, Duration timeout) {
        this.serviceToken = new OAuth2ClientHttpRequestInterceptor(clients);
        this.serviceToken.setClientRegistrationIdResolver(request -> REGISTRATION);
        this.serviceToken.setPrincipalResolver(request -> SERVICE);
        this.timeout = timeout;
    }

    /**
     * A client of {@code service} on a pool of kept-alive connections. The JDK's own HTTP client
     * cost more than a millisecond of CPU per call in thread hand-offs; calls come from many
     * virtual threads at once, hence a pool wider than the library's default of five per host.
     * Idle connections are dropped well before the server's keep-alive ends, so a request is
     * never written to a connection the server has just closed.
     */
    public RestClient to(URI service) {
        return to(service, timeout);
    }

    /** A client of {@code service} that gives up after {@code timeout} instead of the default. */
    public RestClient to(URI service, Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(client);
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(service.toString())
                .requestFactory(requests)
                .requestInterceptor(serviceToken)
                .build();
    }
}
