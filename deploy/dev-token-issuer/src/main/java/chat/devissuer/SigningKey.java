package chat.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The issuer's RS256 key. Kept in the state folder so that tokens minted before a restart of the
 * local stack stay valid after it.
 */
final class SigningKey {

    private SigningKey() {}

    static RSAKey loadOrCreate(@Nullable Path stateDir) {
        try {
            if (stateDir == null) {
                return generate();
            }
            Path file = stateDir.resolve("signing-key.json");
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = generate();
            Files.createDirectories(stateDir);
            Files.writeString(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Cannot load or create the signing key in " + stateDir, e);
        }
    }

    static String publicJwks(RSAKey key) {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    private static RSAKey generate() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }
}
