/**
 * The user directory every rendering service keeps in its own database (spec B.3): who a user id
 * is, fed by the {@code chat.user.v1} topic and by callers' token claims.
 */
@NullMarked
package chat.common.users;

import org.jspecify.annotations.NullMarked;
