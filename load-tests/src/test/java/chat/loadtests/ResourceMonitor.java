package chat.loadtests;

import chat.loadtests.StackProcesses.Snapshot;
import chat.loadtests.StackProcesses.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Samples the stack's processes (CPU time, resident memory) at step boundaries and renders, per
 * step, the CPU milliseconds each process used per second of wall time, the CPU milliseconds per
 * request of the five service JVMs together, and each process's resident memory at the step's end.
 */
final class ResourceMonitor implements AutoCloseable {

    /** A stretch of the run between two samples, with how many requests (or events) it carried. */
    record Phase(String label, Snapshot from, Snapshot to, long requests) {}

    final StackProcesses processes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resource-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AtomicReferenceArray<Snapshot> scheduled = new AtomicReferenceArray<>(0);
    private volatile CountDownLatch pending = new CountDownLatch(0);

    ResourceMonitor(StackProcesses processes) {
        this.processes = processes;
    }

    Snapshot sample() {
        return processes.sample();
    }

    /** Samples at {@code startNanos + boundary} for each boundary (the first is usually zero). */
    synchronized void sampleAt(long startNanos, List<Duration> boundaries) {
        scheduled = new AtomicReferenceArray<>(boundaries.size());
        pending = new CountDownLatch(boundaries.size());
        AtomicReferenceArray<Snapshot> slots = scheduled;
        CountDownLatch latch = pending;
        for (int i = 0; i < boundaries.size(); i++) {
            int index = i;
            long delay = startNanos + boundaries.get(i).toNanos() - System.nanoTime();
            timer.schedule(
                    () -> {
                        slots.set(index, processes.sample());
                        latch.countDown();
                    },
                    Math.max(0, delay),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** The scheduled samples, waiting for the last one; a sample never taken is taken now. */
    List<Snapshot> scheduledSamples(Duration wait) {
        try {
            pending.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Snapshot> samples = new ArrayList<>();
        for (int i = 0; i < scheduled.length(); i++) {
            Snapshot snapshot = scheduled.get(i);
            samples.add(snapshot == null ? processes.sample() : snapshot);
        }
        return samples;
    }

    static String shortName(String process) {
        return process.replace("-service", "");
    }

    String cpuTable(List<Phase> phases, String perWhat) {
        List<String> names = List.copyOf(processes.pids.keySet());
        StringBuilder table = new StringBuilder();
        table.append("CPU, ms of CPU time per s of wall time (")
                .append(processes.ticksPerSecond)
                .append(" ticks/s):\n\n");
        table.append("| step | s |");
        names.forEach(n -> table.append(' ').append(shortName(n)).append(" |"));
        table.append(" 5 JVMs | 5 JVMs ms/").append(perWhat).append(" |\n|---|---|");
        names.forEach(n -> table.append("---|"));
        table.append("---|---|\n");
        for (Phase phase : phases) {
            double seconds = (phase.to().atNanos() - phase.from().atNanos()) / 1e9;
            table.append("| ")
                    .append(phase.label())
                    .append(" | ")
                    .append(fmt(seconds))
                    .append(" |");
            double services = 0;
            boolean allServices = true;
            for (String name : names) {
                Double ms = cpuMillis(phase, name);
                table.append(' ').append(ms == null ? "n/a" : fmt(ms / seconds)).append(" |");
                if (StackProcesses.SERVICES.contains(name)) {
                    if (ms == null) {
                        allServices = false;
                    } else {
                        services += ms;
                    }
                }
            }
            table.append(' ')
                    .append(allServices ? fmt(services / seconds) : "n/a")
                    .append(" |");
            table.append(' ')
                    .append(allServices && phase.requests() > 0 ? fmt2(services / phase.requests()) : "n/a")
                    .append(" |\n");
        }
        return table.toString();
    }

    String rssTable(List<Phase> phases) {
        List<String> names = List.copyOf(processes.pids.keySet());
        StringBuilder table = new StringBuilder();
        table.append("Resident memory at the end of the step, MiB (PostgreSQL: PSS of all its processes):\n\n");
        table.append("| step |");
        names.forEach(n -> table.append(' ').append(shortName(n)).append(" |"));
        table.append(" 5 JVMs |\n|---|");
        names.forEach(n -> table.append("---|"));
        table.append("---|\n");
        for (Phase phase : phases) {
            table.append("| ").append(phase.label()).append(" |");
            long services = 0;
            for (String name : names) {
                Usage usage = phase.to().usage().get(name);
                table.append(' ')
                        .append(usage == null ? "n/a" : fmt(usage.rssKiB() / 1024.0))
                        .append(" |");
                if (usage != null && StackProcesses.SERVICES.contains(name)) {
                    services += usage.rssKiB();
                }
            }
            table.append(' ').append(fmt(services / 1024.0)).append(" |\n");
        }
        return table.toString();
    }

    /** CPU milliseconds {@code name} used during the phase, or null if it was not there throughout. */
    Double cpuMillis(Phase phase, String name) {
        Map<String, Usage> from = phase.from().usage();
        Map<String, Usage> to = phase.to().usage();
        if (!from.containsKey(name) || !to.containsKey(name)) {
            return null;
        }
        return (to.get(name).cpuTicks() - from.get(name).cpuTicks()) * 1000.0 / processes.ticksPerSecond;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    static String fmt2(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
