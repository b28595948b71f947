/** Who may open a conversation's socket, and who takes part in which conversation. */
@NullMarked
package chat.realtime.access;

import org.jspecify.annotations.NullMarked;
