/** What operating a service needs from inside its own image, such as the health probe. */
@NullMarked
package chat.common.ops;

import org.jspecify.annotations.NullMarked;
