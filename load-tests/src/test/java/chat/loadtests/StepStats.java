package chat.loadtests;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per step of a {@link StepPlan}: how many requests were sent, answered as expected or not, and
 * their latency from the intended send time (microseconds, HdrHistogram), per request kind.
 */
final class StepStats {

    private final StepPlan plan;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private final Histogram lateStart = new ConcurrentHistogram(3);
    private final Histogram earlyStart = new ConcurrentHistogram(3);

    StepStats(StepPlan plan) {
        this.plan = plan;
    }

    /**
     * A virtual user started now: how far from its intended start, to show whether the load
     * generator kept to the schedule (a late start is part of the latency counted from the
     * intended time).
     */
    void started(long user, long nowNanos) {
        long offsetMicros = (nowNanos - plan.intendedNanos(user)) / 1000;
        (offsetMicros >= 0 ? lateStart : earlyStart).recordValue(Math.abs(offsetMicros));
    }

    String scheduleLine() {
        long users = lateStart.getTotalCount() + earlyStart.getTotalCount();
        if (users == 0) {
            return "";
        }
        return "Load generator: of " + users + " virtual users, " + lateStart.getTotalCount()
                + " started after their intended time (p50 " + Latency.ms(lateStart, 50) + " ms, p99 "
                + Latency.ms(lateStart, 99) + " ms, max " + Latency.max(lateStart) + " ms), "
                + earlyStart.getTotalCount() + " before it (max " + Latency.max(earlyStart) + " ms).";
    }

    private final class Kind {
        final Histogram[] latency = new Histogram[plan.steps()];
        final LongAdder[] sent = new LongAdder[plan.steps()];
        final LongAdder[] ok = new LongAdder[plan.steps()];
        final Map<String, LongAdder>[] errors;

        @SuppressWarnings("unchecked")
        Kind() {
            errors = new Map[plan.steps()];
            for (int i = 0; i < plan.steps(); i++) {
                latency[i] = new ConcurrentHistogram(3);
                sent[i] = new LongAdder();
                ok[i] = new LongAdder();
                errors[i] = new ConcurrentHashMap<>();
            }
        }
    }

    private Kind kind(String name) {
        return kinds.computeIfAbsent(name, n -> new Kind());
    }

    void sent(String kind, long user) {
        started(user, System.nanoTime());
        followUp(kind, user);
    }

    /** A further request of a virtual user that {@link #sent} counted already, under its own kind. */
    void followUp(String kind, long user) {
        kind(kind).sent[plan.stepOf(user)].increment();
    }

    /** A request's outcome: {@code error} is null when it went as expected. */
    void done(String kind, long user, long endNanos, String error) {
        int step = plan.stepOf(user);
        Kind k = kind(kind);
        if (error == null) {
            k.ok[step].increment();
            k.latency[step].recordValue(Math.max(0, (endNanos - plan.intendedNanos(user)) / 1000));
        } else {
            k.errors[step].computeIfAbsent(error, e -> new LongAdder()).increment();
        }
    }

    long sentIn(int step) {
        long total = 0;
        for (Kind kind : kinds.values()) {
            total += kind.sent[step].sum();
        }
        return total;
    }

    String table(String what) {
        StringBuilder table = new StringBuilder();
        table.append(what)
                .append(
                        ", latency in ms from the intended send time (open model), achieved = answered as expected per s:\n\n");
        table.append("| request | step | sent | ok | errors | achieved /s | p50 | p90 | p99 | max |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int step = 0; step < plan.steps(); step++) {
            for (String name : new TreeMap<>(kinds).keySet()) {
                Kind kind = kinds.get(name);
                if (kind.sent[step].sum() == 0) {
                    continue;
                }
                Histogram h = kind.latency[step];
                long ok = kind.ok[step].sum();
                table.append("| ")
                        .append(name)
                        .append(" | ")
                        .append(plan.label(step))
                        .append(" | ")
                        .append(kind.sent[step].sum())
                        .append(" | ")
                        .append(ok)
                        .append(" | ")
                        .append(errors(kind.errors[step]))
                        .append(" | ")
                        .append(ResourceMonitor.fmt((double) ok / plan.stepSeconds))
                        .append(" | ")
                        .append(Latency.cells(h))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    static String errors(Map<String, LongAdder> errors) {
        long total = errors.values().stream().mapToLong(LongAdder::sum).sum();
        if (total == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(total).append(" (");
        new TreeMap<>(errors)
                .forEach((kind, count) ->
                        text.append(kind).append('×').append(count.sum()).append(", "));
        text.setLength(text.length() - 2);
        return text.append(')').toString();
    }
}
