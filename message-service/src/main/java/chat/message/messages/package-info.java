/** Messages: the aggregate and the rules it guards. */
@NullMarked
package chat.message.messages;

import org.jspecify.annotations.NullMarked;
