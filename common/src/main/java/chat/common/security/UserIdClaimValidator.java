package chat.common.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses a token that names no integer {@code user_id}: without it there is no caller. */
final class UserIdClaimValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error MISSING_USER_ID =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no positive integer user_id claim.", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return ChatCaller.userIdOf(token.getClaims()) != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(MISSING_USER_ID);
    }
}
