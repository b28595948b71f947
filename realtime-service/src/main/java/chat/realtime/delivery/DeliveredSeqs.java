package chat.realtime.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The last {@code seq} this instance delivered of each conversation, so that an event that is not
 * newer (a redelivery, a record read twice) is dropped. Only the most recently active
 * conversations are remembered: a redelivery older than that is rarer than the memory it would
 * take.
 */
final class DeliveredSeqs {

    private final Cache<Long, Long> lastSeq;

    DeliveredSeqs(long remembered) {
        this.lastSeq = Caffeine.newBuilder().maximumSize(remembered).build();
    }

    /** True, and remembered, when {@code seq} is newer than anything delivered of {@code conversation}. */
    boolean advance(long conversation, long seq) {
        boolean[] newer = {false};
        lastSeq.asMap().compute(conversation, (id, last) -> {
            newer[0] = last == null || seq > last;
            return newer[0] ? seq : last;
        });
        return newer[0];
    }
}
