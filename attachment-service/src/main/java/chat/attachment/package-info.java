/** The attachment service. */
@NullMarked
package chat.attachment;

import org.jspecify.annotations.NullMarked;
