package chat.common.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which tokens the service trusts: those signed by a key of {@code jwkSetUri} and issued by
 * {@code issuer}. In a deployment both point at the Keycloak realm; the local stack points them
 * at its development token issuer.
 */
@ConfigurationProperties("chat.security")
public record SecuritySettings(URI issuer, URI jwkSetUri) {}
