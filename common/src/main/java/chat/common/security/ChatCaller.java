package chat.common.security;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated end user behind a request, as the token describes them.
 *
 * <p>{@code userId} is the token's integer {@code user_id} claim (spec B.2); {@code staff} is
 * true when the token carries the realm role {@value #STAFF_ROLE} or a boolean {@code is_staff}
 * claim that is true.
 */
public record ChatCaller(
        long userId,
        boolean staff,
        @Nullable String username,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String picture) {

    public static final String STAFF_ROLE = "chat-admin";
    public static final String USER_ID_CLAIM = "user_id";

    /** Reads the caller from a token that {@link CallerClaimsValidator} accepted as an end user's. */
    public static ChatCaller from(Jwt jwt) {
        Long userId = userIdOf(jwt.getClaims());
        if (userId == null) {
            throw new IllegalArgumentException("token has no integer user_id claim");
        }
        return new ChatCaller(
                userId,
                isStaff(jwt.getClaims()),
                jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("given_name"),
                jwt.getClaimAsString("family_name"),
                jwt.getClaimAsString("picture"));
    }

    /** The end user behind {@code jwt}, or empty for another service's own token. */
    public static Optional<ChatCaller> ofUser(Jwt jwt) {
        return userIdOf(jwt.getClaims()) == null ? Optional.empty() : Optional.of(from(jwt));
    }

    /**
     * The integer {@code user_id} claim, or null when it is absent or not an integer. A JSON number
     * with a fraction, a string, or a value outside the positive {@code long} range is refused
     * rather than coerced, so that a badly mapped identity never lands on someone else's id.
     */
    static @Nullable Long userIdOf(Map<String, Object> claims) {
        Object value = claims.get(USER_ID_CLAIM);
        if (value instanceof Integer || value instanceof Long) {
            long id = ((Number) value).longValue();
            return id > 0 ? id : null;
        }
        return null;
    }

    static boolean isStaff(Map<String, Object> claims) {
        if (Boolean.TRUE.equals(claims.get("is_staff"))) {
            return true;
        }
        return claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles
                && roles.contains(STAFF_ROLE);
    }
}
