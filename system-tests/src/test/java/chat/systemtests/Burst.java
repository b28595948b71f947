package chat.systemtests;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends into one conversation, the two participants in turn, one send after the other as a busy
 * client would, until {@code target} sends were acknowledged; a refused send is retried as a new
 * one after a short pause. Records every answer: which sends were acknowledged, and the others'
 * statuses, details and how long each answer took.
 */
final class Burst implements AutoCloseable {

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);

    private final List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile long slowestNanos;
    private final List<Long> acknowledgedAt = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final Future<?> sending;

    /** Status -1 stands for a send that got no HTTP answer at all. */
    static final int NO_ANSWER = -1;

    Burst(Api api, long conversation, Member alice, Member bob, int target, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        sending = sender.submit(() -> {
            for (int i = 0; acknowledged.size() < target && System.nanoTime() < deadline; i++) {
                long started = System.nanoTime();
                Reply reply;
                try {
                    reply = api.call(
                            "POST",
                            "/api/conversations/" + conversation + "/messages/",
                            i % 2 == 0 ? alice : bob,
                            "{\"content\": \"burst " + i + "\"}");
                } catch (Exception e) {
                    reply = new Reply(NO_ANSWER, Api.JSON.createObjectNode().put("detail", e.toString()));
                }
                long took = System.nanoTime() - started;
                slowestNanos = Math.max(slowestNanos, took);
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() == 201) {
                    acknowledged.add(reply.body().path("id").asLong());
                    acknowledgedAt.add(System.nanoTime());
                } else {
                    failures.add(reply.status() + " " + reply.body());
                    Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
                }
            }
            return null;
        });
    }

    /** Waits until at least {@code count} sends were acknowledged. */
    void awaitAcknowledged(int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline || sending.isDone()) {
                throw new IllegalStateException(
                        "only " + acknowledged.size() + " of " + count + " sends acknowledged: " + statuses());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the last send. */
    void awaitEnd(Duration wait) throws Exception {
        sending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Long> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** How many answers had each status. */
    Map<Integer, Integer> statuses() {
        synchronized (statuses) {
            return new TreeMap<>(statuses);
        }
    }

    /** Answers other than 201: status and body. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    int serverErrors() {
        return statuses().entrySet().stream()
                .filter(e -> e.getKey() >= 500 || e.getKey() == NO_ANSWER)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos);
    }

    /** How long after {@code fromNanos} ({@link System#nanoTime()}) the first send after it was acknowledged. */
    Duration firstAcknowledgedAfter(long fromNanos) {
        synchronized (acknowledgedAt) {
            return acknowledgedAt.stream()
                    .filter(at -> at > fromNanos)
                    .findFirst()
                    .map(at -> Duration.ofNanos(at - fromNanos))
                    .orElseThrow(() -> new IllegalStateException("no send acknowledged after the fault"));
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
