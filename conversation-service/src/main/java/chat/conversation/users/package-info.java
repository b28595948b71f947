/** The caller's own user. */
@NullMarked
package chat.conversation.users;

import org.jspecify.annotations.NullMarked;
