package chat.systemtests;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The counting method of {@code docs/reliability.md}: the messages whose send was acknowledged
 * (201) against what one client received, in the order it arrived, across every socket it opened.
 *
 * @param lost acknowledged messages the client never received
 * @param duplicated messages received again after their first arrival
 * @param outOfOrder messages received after one with a higher {@code seq}
 * @param unacknowledged messages received whose send was not acknowledged (a send cut off by the
 *     fault after its commit): delivered, so neither lost nor duplicated
 */
record DeliveryCount(int acknowledged, int received, int lost, int duplicated, int outOfOrder, int unacknowledged) {

    /** One {@code new_message} as a client received it. */
    record Received(long messageId, long seq) {}

    static DeliveryCount of(Collection<Long> acknowledged, List<Received> received) {
        Set<Long> seen = new HashSet<>();
        int duplicated = 0;
        int outOfOrder = 0;
        long highest = Long.MIN_VALUE;
        for (Received message : received) {
            if (!seen.add(message.messageId())) {
                duplicated++;
            } else if (message.seq() < highest) {
                outOfOrder++;
            } else {
                highest = message.seq();
            }
        }
        Set<Long> sent = new HashSet<>(acknowledged);
        int lost = (int) sent.stream().filter(id -> !seen.contains(id)).count();
        int unacknowledged =
                (int) seen.stream().filter(id -> !sent.contains(id)).count();
        return new DeliveryCount(sent.size(), received.size(), lost, duplicated, outOfOrder, unacknowledged);
    }

    /** Whether every acknowledged message arrived exactly once, in order. */
    boolean exact() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "acknowledged %d, received %d, lost %d, duplicated %d, out of order %d, delivered unacknowledged %d",
                acknowledged,
                received,
                lost,
                duplicated,
                outOfOrder,
                unacknowledged);
    }
}
