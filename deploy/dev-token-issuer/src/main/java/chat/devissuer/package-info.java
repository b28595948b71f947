/**
 * A development token issuer shaped like the Keycloak realm: RS256 tokens with the realm's claims,
 * a JWKS, and {@code POST /dev/users/} to register a user and get a token. Local stack and tests
 * only.
 */
@NullMarked
package chat.devissuer;

import org.jspecify.annotations.NullMarked;
