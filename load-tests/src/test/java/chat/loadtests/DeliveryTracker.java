package chat.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the recipients' sockets heard of the messages a run sent. Each message's content carries
 * the run id, the sending user's number and its intended send time ({@code lt <run> <user>
 * <micros>}); a {@code new_message} frame whose content is one of them counts as its delivery, the
 * latency being the frame's arrival minus the intended send time. A message accepted by the
 * server (201, or an ack) and never heard within the grace period is lost; one heard twice on the
 * same socket is a duplicate.
 */
final class DeliveryTracker {

    private static final long BASE_NANOS = System.nanoTime();
    private static final int UNKNOWN = 0;
    private static final int ACCEPTED = 1;
    private static final int REFUSED = 2;

    private final StepPlan plan;
    private final String prefix = "lt " + Settings.RUN_ID + " ";
    private final AtomicIntegerArray outcome;
    private final AtomicIntegerArray heard;
    private final Histogram[] latency;
    private final LongAdder[] duplicates;
    private final LongAdder[] refused;
    final LongAdder otherFrames = new LongAdder();
    final LongAdder foreignMessages = new LongAdder();
    final LongAdder acks = new LongAdder();
    final Map<String, LongAdder> errorFrames = new ConcurrentHashMap<>();

    DeliveryTracker(StepPlan plan) {
        this.plan = plan;
        outcome = new AtomicIntegerArray((int) plan.total());
        heard = new AtomicIntegerArray((int) plan.total());
        latency = new Histogram[plan.steps()];
        duplicates = new LongAdder[plan.steps()];
        refused = new LongAdder[plan.steps()];
        for (int i = 0; i < plan.steps(); i++) {
            latency[i] = new ConcurrentHistogram(3);
            duplicates[i] = new LongAdder();
            refused[i] = new LongAdder();
        }
    }

    /** The content of user {@code user}'s message, with its intended send time. */
    String content(long user) {
        return prefix + user + " " + (plan.intendedNanos(user) - BASE_NANOS) / 1000;
    }

    void accepted(long user) {
        if (user >= plan.total()) {
            return;
        }
        outcome.compareAndSet((int) user, UNKNOWN, ACCEPTED);
    }

    void refused(long user) {
        if (user < plan.total() && outcome.compareAndSet((int) user, UNKNOWN, REFUSED)) {
            refused[plan.stepOf(user)].increment();
        }
    }

    /** A frame from a recipient's socket. */
    void frame(String text, long atNanos) {
        JsonNode frame;
        try {
            frame = ChatApi.JSON.readTree(text);
        } catch (Exception e) {
            otherFrames.increment();
            return;
        }
        String type = frame.path("type").asText();
        switch (type) {
            case "new_message" -> message(frame.path("message").path("content").asText(), atNanos);
            case "ack" -> acks.increment();
            case "error" ->
                errorFrames
                        .computeIfAbsent(frame.path("code").asText("?"), c -> new LongAdder())
                        .increment();
            default -> otherFrames.increment();
        }
    }

    private void message(String content, long atNanos) {
        if (!content.startsWith(prefix)) {
            foreignMessages.increment();
            return;
        }
        String[] parts = content.substring(prefix.length()).split(" ");
        long user = Long.parseLong(parts[0]);
        long sentMicros = Long.parseLong(parts[1]);
        if (user < 0 || user >= plan.total()) {
            foreignMessages.increment();
            return;
        }
        int step = plan.stepOf(user);
        if (heard.incrementAndGet((int) user) == 1) {
            latency[step].recordValue(Math.max(0, (atNanos - BASE_NANOS) / 1000 - sentMicros));
        } else {
            duplicates[step].increment();
        }
    }

    /** Whether every accepted message has been heard. */
    boolean allHeard() {
        for (int i = 0; i < outcome.length(); i++) {
            if (outcome.get(i) == ACCEPTED && heard.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every accepted message was heard, or {@code grace} passed. */
    Duration awaitAll(Duration grace) {
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        while (!allHeard() && System.nanoTime() < deadline) {
            ChatApi.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String table(String what, String acceptedMeans) {
        StringBuilder table = new StringBuilder();
        table.append(what)
                .append(", latency in ms from the intended send time to the recipient socket's frame; accepted = ")
                .append(acceptedMeans)
                .append(", lost = accepted but not heard:\n\n");
        table.append("| step | sent | accepted | refused | heard | lost | duplicates | p50 | p90 | p99 | max |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        long user = 0;
        for (int step = 0; step < plan.steps(); step++) {
            long sent = plan.usersOf(step);
            long accepted = 0;
            long heardOnce = 0;
            long lost = 0;
            for (long end = user + sent; user < end; user++) {
                boolean ok = outcome.get((int) user) == ACCEPTED;
                boolean got = heard.get((int) user) > 0;
                accepted += ok ? 1 : 0;
                heardOnce += got ? 1 : 0;
                lost += ok && !got ? 1 : 0;
            }
            Histogram h = latency[step];
            table.append("| ")
                    .append(plan.label(step))
                    .append(" | ")
                    .append(sent)
                    .append(" | ")
                    .append(accepted)
                    .append(" | ")
                    .append(refused[step].sum())
                    .append(" | ")
                    .append(heardOnce)
                    .append(" | ")
                    .append(lost)
                    .append(" | ")
                    .append(duplicates[step].sum())
                    .append(" | ")
                    .append(Latency.cells(h))
                    .append(" |\n");
        }
        return table.toString();
    }
}
