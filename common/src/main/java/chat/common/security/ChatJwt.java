package chat.common.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The token rules of spec B.2, shared by the servlet services and the reactive gateway. */
public final class ChatJwt {

    /** Granted to every end user. */
    public static final String USER_AUTHORITY = "ROLE_USER";
    /** Granted to staff, so that access rules can say {@code hasRole("STAFF")}. */
    public static final String STAFF_AUTHORITY = "ROLE_STAFF";
    /** Granted to another chat service calling an internal API with its own token. */
    public static final String SERVICE_AUTHORITY = "ROLE_SERVICE";
    /** The realm role of the chat services' own clients (client credentials). */
    public static final String SERVICE_ROLE = "chat-service";

    private ChatJwt() {}

    /**
     * Signature is checked by the decoder; this adds expiry, issuer and the caller's identity. The
     * gateway admits end users only; services also admit each other on their internal APIs.
     */
    public static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings, boolean servicesAdmitted) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithValidators(
                        new JwtIssuerValidator(settings.issuer().toString()),
                        new JwtTimestampValidator(settings.clockSkew())),
                new CallerClaimsValidator(servicesAdmitted));
    }

    /**
     * An end user's authentication is named by their user id and says whether they are staff; a
     * service's is named by its client id.
     */
    public static AbstractAuthenticationToken authentication(Jwt jwt) {
        if (ChatCaller.userIdOf(jwt.getClaims()) == null) {
            String client = jwt.getClaimAsString("azp");
            return new JwtAuthenticationToken(
                    jwt,
                    List.of(new SimpleGrantedAuthority(SERVICE_AUTHORITY)),
                    client == null ? jwt.getSubject() : client);
        }
        ChatCaller caller = ChatCaller.from(jwt);
        List<GrantedAuthority> authorities = caller.staff()
                ? List.of(new SimpleGrantedAuthority(USER_AUTHORITY), new SimpleGrantedAuthority(STAFF_AUTHORITY))
                : List.of(new SimpleGrantedAuthority(USER_AUTHORITY));
        return new JwtAuthenticationToken(jwt, authorities, Long.toString(caller.userId()));
    }
}
