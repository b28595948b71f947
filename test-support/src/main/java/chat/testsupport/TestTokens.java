package chat.testsupport;

import chat.common.users.UserProfile;
import chat.devissuer.DevTokenIssuer;
import chat.devissuer.DevUser;
import chat.devissuer.IssuerSettings;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;

/**
 * Tokens for tests, signed by the real key of the issuer the services under test trust, and the
 * bad tokens that spec B.2 says must be refused, each wrong in exactly one way.
 */
public final class TestTokens {

    /** A second issuer, trusted by nobody: its key and its {@code iss} are both foreign. */
    private static final DevTokenIssuer FOREIGN = DevTokenIssuer.start(IssuerSettings.inMemory());

    private TestTokens() {}

    public static String of(TestUser user) {
        return trusted().sign(claims(user).build());
    }

    public static String expired(TestUser user) {
        Instant past = Instant.now().minusSeconds(3600);
        return trusted()
                .sign(claims(user)
                        .issueTime(Date.from(past.minusSeconds(300)))
                        .expirationTime(Date.from(past))
                        .build());
    }

    public static String withoutUserId(TestUser user) {
        return trusted().sign(claims(user).claim("user_id", null).build());
    }

    public static String withUserIdAsText(TestUser user) {
        return trusted()
                .sign(claims(user).claim("user_id", Long.toString(user.id())).build());
    }

    /** Names the trusted issuer but is signed by a key it never published. */
    public static String signedByUnknownKey(TestUser user) {
        return FOREIGN.sign(claims(user).build());
    }

    /** Signed by the trusted key but claiming another issuer. */
    public static String fromForeignIssuer(TestUser user) {
        return trusted().sign(claims(user).issuer(FOREIGN.issuer().toString()).build());
    }

    /** Another chat service's own token, as it calls an internal API. */
    public static String service(String clientId) {
        return trusted().serviceToken(clientId);
    }

    public static String malformed() {
        return "this-is-not-a-jwt";
    }

    public static DevTokenIssuer trusted() {
        return ChatInfrastructure.get().tokens();
    }

    private static JWTClaimsSet.Builder claims(TestUser user) {
        UserProfile profile = new UserProfile(user.id(), user.username(), "", "", null, 0, null, null, null);
        return trusted().claimsFor(new DevUser(profile, user.staff()));
    }
}
