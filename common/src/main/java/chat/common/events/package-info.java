/**
 * The event contract's plumbing: the CloudEvents envelope and the topic names. Each event type has
 * a JSON Schema and an example under {@code events/} on the classpath of the module that owns it.
 */
@NullMarked
package chat.common.events;

import org.jspecify.annotations.NullMarked;
