package chat.systemtests;

import chat.systemtests.DeliveryCount.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One participant's client of a conversation: what it received on its socket, and on the next one
 * after a reconnection, in the order it arrived.
 */
final class Client implements AutoCloseable {

    final String name;
    private Socket socket;
    private final List<Received> received = new ArrayList<>();
    private long lastSeq;

    Client(String name, Socket socket, long lastSeq) {
        this.name = name;
        this.socket = socket;
        this.lastSeq = lastSeq;
    }

    /** Takes everything the socket has received so far. */
    void drain() throws InterruptedException {
        JsonNode event;
        while ((event = socket.next(Duration.ZERO)) != null) {
            take(event);
        }
    }

    private void take(JsonNode event) {
        if ("new_message".equals(event.path("type").asString())) {
            received.add(new Received(
                    event.path("message").path("id").asLong(), event.path("seq").asLong()));
        }
        lastSeq = Math.max(lastSeq, event.path("seq").asLong(lastSeq));
    }

    /** The highest seq received, for {@code since_seq} on a reconnection. */
    long lastSeq() {
        return lastSeq;
    }

    Socket socket() {
        return socket;
    }

    /** Goes on with a new socket, after taking what the old one had received before it ended. */
    void reconnected(Socket next) throws InterruptedException {
        drain();
        socket.close();
        socket = next;
    }

    /**
     * Reads until every one of {@code expected} has arrived or {@code wait} has passed, then on
     * until nothing more came for {@code quiet}, so that a late repeat is counted too.
     *
     * @return when the last of them arrived ({@link System#nanoTime()}), or when the wait ended
     */
    long awaitAll(Collection<Long> expected, Duration wait, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Set<Long> missing = new HashSet<>(expected);
        received.forEach(r -> missing.remove(r.messageId()));
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            JsonNode event = socket.next(Duration.ofMillis(200));
            if (event != null) {
                take(event);
                if ("new_message".equals(event.path("type").asString())) {
                    missing.remove(event.path("message").path("id").asLong());
                }
            }
        }
        long complete = System.nanoTime();
        JsonNode event;
        while ((event = socket.next(quiet)) != null) {
            take(event);
        }
        return complete;
    }

    DeliveryCount count(Collection<Long> acknowledged) {
        return DeliveryCount.of(acknowledged, received);
    }

    @Override
    public void close() {
        socket.close();
    }
}
