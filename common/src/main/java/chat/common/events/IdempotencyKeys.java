package chat.common.events;

import java.time.Duration;

/**
 * Records kept only to recognise a repeat: of an event (a consumer's applied event ids), or of a
 * request (a send's idempotency key). {@link EventRetention} removes them once they are older than
 * any repeat can be; a service registers its own as a bean.
 */
public interface IdempotencyKeys {

    /** Forgets the keys recorded more than {@code age} ago; how many went. */
    int removeOlderThan(Duration age);
}
