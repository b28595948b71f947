package chat.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTests {

    static final String ISSUER = "http://issuer.test/realms/chat";
    final SecuritySettings settings = new SecuritySettings(
            URI.create(ISSUER), URI.create(ISSUER + "/certs"), Duration.ofSeconds(60), 100, Duration.ofMinutes(10));
    final AtomicInteger verifications = new AtomicInteger();

    @Test
    void verifiesATokenOnceAndTheSameTextAfterwardsFromMemory() {
        JwtDecoder decoder = settings.verifiedTokens(ChatJwt.validator(settings, false))
                .caching(counting(expiringIn(Duration.ofHours(1))));

        Jwt first = decoder.decode("token-a");
        Jwt second = decoder.decode("token-a");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
        decoder.decode("token-b");
        assertThat(verifications)
                .as("another token's text is verified on its own")
                .hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpiresAndForgotten() {
        Jwt expired = expiringIn(Duration.ofMinutes(-2));
        // the delegate stands for a token that was valid when verified and has expired since
        JwtDecoder decoder =
                settings.verifiedTokens(ChatJwt.validator(settings, false)).caching(counting(expired));
        decoder.decode("token-a");

        assertThatThrownBy(() -> decoder.decode("token-a"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageStartingWith("An error occurred while attempting to decode the Jwt: Jwt expired at");
        decoder.decode("token-a");
        assertThat(verifications)
                .as("the expired entry was dropped, so it is verified again")
                .hasValue(2);
    }

    @Test
    void aRememberedTokenStillMeetsTheCallerRules() {
        Jwt service = Jwt.withTokenValue("token-s")
                .header("alg", "RS256")
                .issuer(ISSUER)
                .claim("azp", "message-service")
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(ChatJwt.SERVICE_ROLE)))
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .build();
        // the gateway admits no service tokens, whether it remembers them or not
        JwtDecoder gateway =
                settings.verifiedTokens(ChatJwt.validator(settings, false)).caching(counting(service));
        gateway.decode("token-s");
        assertThatThrownBy(() -> gateway.decode("token-s")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aCacheOfSizeZeroVerifiesEveryTime() {
        SecuritySettings uncached = new SecuritySettings(
                URI.create(ISSUER), URI.create(ISSUER + "/certs"), Duration.ofSeconds(60), 0, Duration.ofMinutes(10));
        JwtDecoder decoder = uncached.verifiedTokens(ChatJwt.validator(uncached, false))
                .caching(counting(expiringIn(Duration.ofHours(1))));
        decoder.decode("token-a");
        decoder.decode("token-a");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theReactiveDecoderRemembersToo() {
        VerifiedTokens tokens = settings.verifiedTokens(ChatJwt.validator(settings, false));
        Jwt jwt = expiringIn(Duration.ofHours(1));
        var decoder = tokens.caching((org.springframework.security.oauth2.jwt.ReactiveJwtDecoder) token -> {
            verifications.incrementAndGet();
            return reactor.core.publisher.Mono.just(jwt);
        });
        assertThat(decoder.decode("token-a").block()).isSameAs(jwt);
        assertThat(decoder.decode("token-a").block()).isSameAs(jwt);
        assertThat(verifications).hasValue(1);
    }

    private JwtDecoder counting(Jwt answer) {
        return token -> {
            verifications.incrementAndGet();
            return answer;
        };
    }

    private static Jwt expiringIn(Duration lifetime) {
        Instant expiry = Instant.now().plus(lifetime);
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(ISSUER)
                .claim("user_id", 7L)
                .issuedAt(expiry.minus(Duration.ofHours(2)))
                .expiresAt(expiry)
                .build();
    }
}
