/** Who is calling: JWT validation rules and the caller they yield. */
@NullMarked
package chat.common.security;

import org.jspecify.annotations.NullMarked;
