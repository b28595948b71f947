/** The realtime service. */
@NullMarked
package chat.realtime;

import org.jspecify.annotations.NullMarked;
