/** Editing, deleting and reading messages. */
@NullMarked
package chat.message.editing;

import org.jspecify.annotations.NullMarked;
