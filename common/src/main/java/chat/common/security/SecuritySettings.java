package chat.common.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Which tokens the service trusts: those signed by a key of {@code jwkSetUri} and issued by
 * {@code issuer}. In a deployment both point at the Keycloak realm; the local stack points them
 * at its development token issuer. {@code clockSkew} is how far the issuer's clock may be off:
 * a token is still accepted that long after it expired. Up to {@code verifiedTokenCache} tokens
 * whose signature was verified are remembered for {@code verifiedTokenLifetime} (0 turns that
 * off; see {@link VerifiedTokens}).
 */
@ConfigurationProperties("chat.security")
public record SecuritySettings(
        URI issuer,
        URI jwkSetUri,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("10000") long verifiedTokenCache,
        @DefaultValue("10m") Duration verifiedTokenLifetime) {

    /** The cache of verified tokens, checking each remembered token against {@code rules} again. */
    VerifiedTokens verifiedTokens(OAuth2TokenValidator<Jwt> rules) {
        return new VerifiedTokens(rules, verifiedTokenCache, verifiedTokenLifetime);
    }
}
