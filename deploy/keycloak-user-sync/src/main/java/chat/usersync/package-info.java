/** Publishes the profiles of the Keycloak realm's users on the chat's user feed. */
@NullMarked
package chat.usersync;

import org.jspecify.annotations.NullMarked;
