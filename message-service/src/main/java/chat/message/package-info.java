/** The message service. */
@NullMarked
package chat.message;

import org.jspecify.annotations.NullMarked;
