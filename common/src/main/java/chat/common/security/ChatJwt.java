package chat.common.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The token rules of spec B.2, shared by the servlet services and the reactive gateway. */
public final class ChatJwt {

    /** Authority granted to staff, so that access rules can say {@code hasRole("STAFF")}. */
    public static final String STAFF_AUTHORITY = "ROLE_STAFF";

    private ChatJwt() {}

    /** Signature is checked by the decoder; this adds expiry, issuer and the user_id claim. */
    public static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer().toString()), new UserIdClaimValidator());
    }

    /** The authentication whose name is the caller's user id and whose authorities say staff. */
    public static AbstractAuthenticationToken authentication(Jwt jwt) {
        ChatCaller caller = ChatCaller.from(jwt);
        List<GrantedAuthority> authorities = caller.staff()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority(STAFF_AUTHORITY))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return new JwtAuthenticationToken(jwt, authorities, Long.toString(caller.userId()));
    }
}
