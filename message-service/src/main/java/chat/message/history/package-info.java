/** Reading a conversation's history. */
@NullMarked
package chat.message.history;

import org.jspecify.annotations.NullMarked;
