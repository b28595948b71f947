/** What this service publishes: attachment events. */
@NullMarked
package chat.attachment.events;

import org.jspecify.annotations.NullMarked;
