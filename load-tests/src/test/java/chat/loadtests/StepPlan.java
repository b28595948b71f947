package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed arrival-rate steps, one after another: step i injects {@code rate_i × seconds} users
 * evenly over {@code seconds} (the arrival schedule of {@code constantUsersPerSec(rate_i)
 * .during(seconds)}, with the count made exact so that users map to steps by their number).
 *
 * <p>Each virtual user takes the next number when it starts; from it follow its step and its
 * <em>intended</em> start: the schedule's start plus the step's offset plus {@code k / rate}. A
 * latency counted from the intended start includes any delay of the load generator itself
 * (coordinated omission cannot hide a stall).
 */
final class StepPlan {

    final List<Integer> rates;
    /** Each step's length. */
    final Duration step;

    final double stepSeconds;
    private final long[] firstUser;
    private final long total;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
    private final List<Runnable> onStart = new ArrayList<>();

    StepPlan(List<Integer> rates, int stepSeconds) {
        this(
                rates,
                Duration.ofSeconds(stepSeconds),
                rates.stream().mapToLong(r -> (long) r * stepSeconds).toArray());
    }

    /** One step of exactly {@code users} users arriving at {@code rate} per second. */
    static StepPlan ofUsers(int rate, int users) {
        return new StepPlan(List.of(rate), Duration.ofNanos(users * 1_000_000_000L / rate), new long[] {users});
    }

    private StepPlan(List<Integer> rates, Duration step, long[] users) {
        this.rates = List.copyOf(rates);
        this.step = step;
        this.stepSeconds = step.toNanos() / 1e9;
        firstUser = new long[rates.size() + 1];
        for (int i = 0; i < rates.size(); i++) {
            firstUser[i + 1] = firstUser[i] + users[i];
        }
        total = firstUser[rates.size()];
        if (total > Settings.MAX_EVENTS) {
            throw new IllegalArgumentException(
                    "the steps add up to " + total + " requests, more than the limit of " + Settings.MAX_EVENTS);
        }
    }

    static StepPlan fromProperties(String defaultSteps, int defaultSeconds) {
        return new StepPlan(
                Settings.rates("steps", defaultSteps),
                Settings.integer("stepSeconds", defaultSeconds, 1, Settings.MAX_STEP_SECONDS));
    }

    OpenInjectionStep[] injection() {
        OpenInjectionStep[] steps = new OpenInjectionStep[rates.size()];
        for (int i = 0; i < rates.size(); i++) {
            steps[i] = rampUsers((int) (firstUser[i + 1] - firstUser[i])).during(step);
        }
        return steps;
    }

    int steps() {
        return rates.size();
    }

    long total() {
        return total;
    }

    long usersOf(int step) {
        return firstUser[step + 1] - firstUser[step];
    }

    Duration duration() {
        return step.multipliedBy(rates.size());
    }

    String label(int step) {
        return rates.get(step) + "/s";
    }

    /** Runs once, at the first user's start (the monitor samples from there on). */
    void whenStarted(Runnable action) {
        onStart.add(action);
    }

    /**
     * The next user's number. The plan's start is the moment that fits the first step's users
     * best: each of them moves it earlier if it started later than its slot after the start seen
     * so far (the very first user is often a few milliseconds late, warming up the scenario's
     * code), so that no user counts as started before its intended time.
     */
    int nextUser() {
        long now = System.nanoTime();
        int user = next.getAndIncrement();
        if (user < firstUser[1]) {
            long fitted = now - user * step.toNanos() / usersOf(0);
            startNanos.accumulateAndGet(
                    fitted, (old, candidate) -> old == Long.MIN_VALUE ? candidate : Math.min(old, candidate));
        }
        if (user == 0) {
            onStart.forEach(Runnable::run);
        }
        return user;
    }

    /** The first user's start in {@link System#nanoTime()}, or MIN_VALUE before it. */
    long startNanos() {
        return startNanos.get();
    }

    int stepOf(long user) {
        for (int i = 0; i < rates.size(); i++) {
            if (user < firstUser[i + 1]) {
                return i;
            }
        }
        return rates.size() - 1;
    }

    /** When user number {@code user} was meant to start, in {@link System#nanoTime()}. */
    long intendedNanos(long user) {
        int step = stepOf(user);
        long start = startNanos.get();
        while (start == Long.MIN_VALUE) {
            Thread.onSpinWait();
            start = startNanos.get();
        }
        return start + this.step.toNanos() * step + (user - firstUser[step]) * this.step.toNanos() / usersOf(step);
    }

    /** The step boundaries from the start, for the monitor: 0, d, 2d, ... */
    List<Duration> boundaries() {
        List<Duration> boundaries = new ArrayList<>();
        for (int i = 0; i <= rates.size(); i++) {
            boundaries.add(step.multipliedBy(i));
        }
        return boundaries;
    }
}
