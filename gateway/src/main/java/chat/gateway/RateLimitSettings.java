package chat.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests of each kind one caller may make per window, on one gateway instance (ADR
 * 0011): an end user by their user id, a caller without a valid token by their client address.
 * Each allowance refills evenly over the window, so a full one takes a burst of its whole limit
 * and then one request every {@code window / limit}.
 *
 * @param enabled off only for load tests that drive a few users far past what a person does
 * @param sends {@code POST} of a message, by recipient or into a conversation
 * @param uploads {@code POST} on the attachment route
 * @param reads every other {@code /api} request: reads, edits, deletes, read marks
 * @param maxKeys callers remembered at once; past it the least active are forgotten, which bounds
 *     the memory whatever the number of users or addresses (a forgotten caller starts afresh)
 */
@ConfigurationProperties("chat.gateway.rate-limit")
record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration window,
        @DefaultValue("600") int sends,
        @DefaultValue("120") int uploads,
        @DefaultValue("1200") int reads,
        @DefaultValue("100000") int maxKeys) {

    RateLimitSettings {
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("chat.gateway.rate-limit.window must be 1s or more, not " + window);
        }
        for (int limit : new int[] {sends, uploads, reads}) {
            if (limit < 1 || limit > 1_000_000) {
                throw new IllegalArgumentException(
                        "chat.gateway.rate-limit sends, uploads and reads must be between 1 and 1000000, not " + limit);
            }
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("chat.gateway.rate-limit.max-keys must be 1 or more, not " + maxKeys);
        }
    }

    int limit(RateLimitBucket bucket) {
        return switch (bucket) {
            case SEND -> sends;
            case UPLOAD -> uploads;
            case READ -> reads;
        };
    }
}
