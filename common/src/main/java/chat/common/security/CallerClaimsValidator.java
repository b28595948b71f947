package chat.common.security;

import java.util.Collection;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token that names no caller: an end user's token must carry a positive integer
 * {@code user_id}; where services are admitted, a service's own token (client credentials) carries
 * the realm role {@value ChatJwt#SERVICE_ROLE} instead.
 */
final class CallerClaimsValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error MISSING_USER_ID =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no positive integer user_id claim.", null);

    private final boolean servicesAdmitted;

    CallerClaimsValidator(boolean servicesAdmitted) {
        this.servicesAdmitted = servicesAdmitted;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (ChatCaller.userIdOf(token.getClaims()) != null) {
            return OAuth2TokenValidatorResult.success();
        }
        return servicesAdmitted && isService(token.getClaims())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(MISSING_USER_ID);
    }

    static boolean isService(Map<String, Object> claims) {
        return claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles
                && roles.contains(ChatJwt.SERVICE_ROLE);
    }
}
