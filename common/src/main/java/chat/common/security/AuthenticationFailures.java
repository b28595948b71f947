package chat.common.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** Says, in the {@code detail} of a 401, why the request was not authenticated. */
final class AuthenticationFailures {

    static final String NO_CREDENTIALS = "Authentication credentials were not provided.";
    static final String FORBIDDEN = "You do not have permission to perform this action.";

    private AuthenticationFailures() {}

    /** The RFC 6750 challenge: a bare {@code Bearer} without a token, with the error code after a bad one. */
    static String challenge(AuthenticationException failure) {
        return failure instanceof OAuth2AuthenticationException oauth
                ? "Bearer error=\"" + oauth.getError().getErrorCode() + "\""
                : "Bearer";
    }

    static String detail(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "The access token is invalid: "
                    + (description == null || description.isBlank()
                            ? oauth.getError().getErrorCode()
                            : description);
        }
        return NO_CREDENTIALS;
    }
}
