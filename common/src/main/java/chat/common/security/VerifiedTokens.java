package chat.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Tokens whose signature has already been verified, so that a client's next request with the same
 * token skips the RSA check, which is most of the cost of authenticating it. Only the signature is
 * remembered: every use validates the token again (expiry, issuer, caller claims), so a cached
 * token expires exactly when an uncached one would. The key is the whole token text, so nothing
 * but the very bytes that were verified can hit the cache. Entries leave after {@code lifetime}
 * (a key the issuer retires stops being honoured by then) or when {@code size} is reached.
 */
public final class VerifiedTokens {

    private final @Nullable Cache<String, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> validator;

    public VerifiedTokens(OAuth2TokenValidator<Jwt> validator, long size, Duration lifetime) {
        this.validator = validator;
        this.verified = size <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(size)
                        .expireAfterWrite(lifetime)
                        .build();
    }

    /** A servlet decoder that asks {@code delegate} (signature and rules) only for tokens it has not seen. */
    public JwtDecoder caching(JwtDecoder delegate) {
        Cache<String, Jwt> cache = verified;
        if (cache == null) {
            return delegate;
        }
        return token -> {
            Jwt known = cache.getIfPresent(token);
            if (known == null) {
                Jwt jwt = delegate.decode(token);
                cache.put(token, jwt);
                return jwt;
            }
            return revalidated(cache, token, known);
        };
    }

    /** The reactive counterpart of {@link #caching(JwtDecoder)}, for the gateway. */
    public ReactiveJwtDecoder caching(ReactiveJwtDecoder delegate) {
        Cache<String, Jwt> cache = verified;
        if (cache == null) {
            return delegate;
        }
        return token -> {
            Jwt known = cache.getIfPresent(token);
            if (known == null) {
                return delegate.decode(token).doOnNext(jwt -> cache.put(token, jwt));
            }
            return Mono.fromCallable(() -> revalidated(cache, token, known));
        };
    }

    /** A remembered token checked against the rules again; dropped from {@code cache} if it fails. */
    private Jwt revalidated(Cache<String, Jwt> cache, String token, Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            cache.invalidate(token);
            // worded as the decoder words it, so a client reads the same detail either way
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }
}
