/** What this service publishes: the message events with the conversation's seq. */
@NullMarked
package chat.message.events;

import org.jspecify.annotations.NullMarked;
