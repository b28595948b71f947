/** A real Keycloak with the realm {@code chat}, for the local stack and the tests. */
@NullMarked
package chat.keycloak;

import org.jspecify.annotations.NullMarked;
