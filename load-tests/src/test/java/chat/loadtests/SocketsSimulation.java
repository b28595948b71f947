package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import chat.loadtests.ChatApi.Pair;
import chat.loadtests.ChatApi.User;
import chat.loadtests.ResourceMonitor.Phase;
import chat.loadtests.StackProcesses.Snapshot;
import chat.loadtests.StackProcesses.Usage;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sockets}: how fast sockets open through the gateway, and how much memory an idle socket
 * holds in the gateway and in realtime-service.
 *
 * <p>Virtual users arrive at {@code connectRate} per second until {@code sockets} have arrived;
 * each opens one WebSocket with Gatling's client (a conversation's socket, or with
 * {@code -Dsocket=user} the user's own stream) and holds it. Once all are open (or failed), the
 * sockets stay idle for {@code idleSeconds}, then every process's resident memory is read again;
 * the growth over the reading before the first socket, divided by the sockets open, is the memory
 * per idle socket; the same for the used heap after a full collection ({@code jcmd}, unless
 * {@code -DliveHeap=false}), which leaves out the garbage that resident memory also counts. Then
 * every socket is closed.
 *
 * <p>Properties: {@code sockets} (2000, at most 20000), {@code connectRate} (1000 per s),
 * {@code idleSeconds} (5), {@code pairs} (50: the users and conversations the sockets are spread
 * over), {@code socket} (conversation | user).
 */
public class SocketsSimulation extends ChatSimulation {

    private final int sockets = Settings.integer("sockets", 2000, 1, Settings.MAX_SOCKETS);
    private final int connectRate = Settings.integer("connectRate", 1000, 1, Settings.MAX_RATE);
    private final int idleSeconds = Settings.integer("idleSeconds", 5, 0, 600);
    private final int pairCount = Settings.integer("pairs", 50, 1, 10_000);
    private final String socketKind = Settings.string("socket", "conversation");
    private final StepPlan plan = StepPlan.ofUsers(connectRate, sockets);
    private final StepStats stats = new StepStats(plan);
    private final String connectName = "connect @" + connectRate + "/s";
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastOpenNanos = new AtomicLong();
    private final AtomicBoolean released = new AtomicBoolean();
    private final CompletableFuture<Snapshot> idle = new CompletableFuture<>();
    private volatile Snapshot allOpen;
    private volatile List<Pair> pairs;
    private final boolean liveHeap = Settings.bool("liveHeap", true);
    private Snapshot before;
    private Map<String, Long> heapBefore = Map.of();
    private volatile Map<String, Long> heapIdle = Map.of();
    private Map<String, Long> filesBefore = Map.of();
    private volatile Map<String, Long> filesIdle = Map.of();

    private final ScenarioBuilder connect = scenario("sockets")
            .exec(session -> {
                long user = plan.nextUser();
                Pair pair = pairs.get((int) (user % pairs.size()));
                User who = (user / pairs.size()) % 2 == 0 ? pair.a() : pair.b();
                String path = socketKind.equals("user") ? "/ws/chat/" : "/ws/chat/" + pair.conversation() + "/";
                stats.sent(connectName, user);
                return session.set("user", user).set("path", path + "?access_token=" + who.token());
            })
            .exec(ws(connectName).connect(session -> session.getString("path")))
            .exec(session -> {
                long now = System.nanoTime();
                long user = session.getLong("user");
                if (session.isFailed()) {
                    failed.incrementAndGet();
                    stats.done(connectName, user, now, "failed");
                } else {
                    opened.incrementAndGet();
                    lastOpenNanos.accumulateAndGet(now, Math::max);
                    stats.done(connectName, user, now, null);
                }
                return session;
            })
            .exitHereIfFailed()
            .asLongAs(session -> !released.get())
            .on(pause(Duration.ofMillis(500)))
            .exec(ws("close").close());

    public SocketsSimulation() {
        super("sockets");
        if (!socketKind.equals("conversation") && !socketKind.equals("user")) {
            throw new IllegalArgumentException("-Dsocket is conversation or user, not " + socketKind);
        }
        plan.whenStarted(() -> {
            monitor.sampleAt(plan.startNanos(), List.of(Duration.ZERO));
            Thread.ofPlatform().daemon().name("sockets-idle").start(this::holdThenMeasure);
        });
        setUp(connect.injectOpen(plan.injection()))
                .protocols(httpProtocol(gateway).wsBaseUrl("ws://" + gateway.getHost() + ":" + gateway.getPort()))
                .maxDuration(limit(plan.duration().plusSeconds(60 + idleSeconds)));
    }

    @Override
    public void before() {
        String prefix = "lt-" + Settings.RUN_ID + "-sockets";
        pairs = api.pairs(prefix, pairCount);
        System.out.println(pairs.size() + " pairs ready; " + sockets + " sockets at " + connectRate + "/s");
        measureBaseline();
        before = monitor.sample();
        filesBefore = openFiles();
        heapBefore = liveHeaps();
    }

    /**
     * The used heap of the gateway and realtime-service right after a full collection (jcmd
     * GC.run, GC.heap_info), in KiB: what the sockets keep alive, without the garbage that RSS
     * also counts. Empty with -DliveHeap=false or when jcmd cannot attach.
     */
    private Map<String, Long> liveHeaps() {
        Map<String, Long> heaps = new LinkedHashMap<>();
        if (!liveHeap) {
            return heaps;
        }
        for (String name : List.of("gateway", "realtime-service")) {
            Long pid = processes.pids.get(name);
            if (pid == null) {
                continue;
            }
            try {
                jcmd(pid, "GC.run");
                Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
                long kib = 0;
                while (used.find()) {
                    kib += Long.parseLong(used.group(1));
                }
                heaps.put(name, kib);
            } catch (IOException e) {
                System.err.println("jcmd " + pid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return heaps;
            }
        }
        return heaps;
    }

    /** Open descriptors of the gateway, realtime-service and this JVM (entries of /proc/pid/fd). */
    private Map<String, Long> openFiles() {
        Map<String, Long> files = new LinkedHashMap<>();
        for (String name : List.of("gateway", "realtime-service", StackProcesses.LOAD_GENERATOR)) {
            Long pid = processes.pids.get(name);
            if (pid != null) {
                try (var entries = Files.list(Path.of("/proc", pid.toString(), "fd"))) {
                    files.put(name, entries.count());
                } catch (IOException | RuntimeException e) {
                    // not readable: left out
                }
            }
        }
        return files;
    }

    private static final Pattern USED = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + out.strip());
        }
        return out;
    }

    /** After the ramp: waits for the last handshakes, lets the sockets idle, measures, releases them. */
    private void holdThenMeasure() {
        try {
            long rampEnd = plan.startNanos() + plan.duration().toNanos();
            long deadline = rampEnd + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < rampEnd
                    || (opened.get() + failed.get() < sockets && System.nanoTime() < deadline)) {
                Thread.sleep(50);
            }
            allOpen = monitor.sample();
            Thread.sleep(idleSeconds * 1000L);
            Snapshot sample = monitor.sample();
            filesIdle = openFiles();
            heapIdle = liveHeaps();
            idle.complete(sample);
        } catch (Throwable e) {
            idle.completeExceptionally(e);
        } finally {
            released.set(true);
        }
    }

    @Override
    public void after() {
        released.set(true);
        Snapshot idleSample = idle.getNow(null);
        Snapshot start = monitor.scheduledSamples(Duration.ofSeconds(5)).getFirst();
        Snapshot rampEnd = allOpen != null ? allOpen : monitor.sample();
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("connect ramp (until all open)", start, rampEnd, sockets));
        if (idleSample != null) {
            phases.add(new Phase("open, idle", rampEnd, idleSample, 0));
        }
        double rampSeconds = (lastOpenNanos.get() - plan.startNanos()) / 1e9;
        StringBuilder memory = new StringBuilder();
        memory.append("Memory per idle socket: resident memory before the first socket and with all ")
                .append(opened.get())
                .append(" open and idle for ")
                .append(idleSeconds)
                .append(" s:\n\n| process | before MiB | open + idle MiB | growth MiB | KiB per socket |\n")
                .append("|---|---|---|---|---|\n");
        if (idleSample != null) {
            long beforeTotal = 0;
            long afterTotal = 0;
            for (String name : processes.pids.keySet()) {
                Usage b = before.usage().get(name);
                Usage a = idleSample.usage().get(name);
                if (b == null || a == null) {
                    continue;
                }
                if (name.equals("gateway") || name.equals("realtime-service")) {
                    beforeTotal += b.rssKiB();
                    afterTotal += a.rssKiB();
                }
                memory.append(memoryRow(ResourceMonitor.shortName(name), b.rssKiB(), a.rssKiB()));
            }
            memory.append(memoryRow("**gateway + realtime**", beforeTotal, afterTotal));
            if (!heapIdle.isEmpty()) {
                memory.append("\nLive heap (used after a full GC, read with jcmd after the RSS), MiB:\n\n")
                        .append("| process | before MiB | open + idle MiB | growth MiB | KiB per socket |\n")
                        .append("|---|---|---|---|---|\n");
                heapIdle.forEach((name, kib) -> memory.append(
                        memoryRow(ResourceMonitor.shortName(name), heapBefore.getOrDefault(name, 0L), kib)));
            }
        }
        StringBuilder files = new StringBuilder();
        if (!filesIdle.isEmpty()) {
            files.append("Open files (descriptors) before → with all sockets open:");
            filesIdle.forEach((name, count) -> {
                long was = filesBefore.getOrDefault(name, 0L);
                files.append(String.format(
                        Locale.ROOT,
                        " %s %d → %d (%.2f per socket, limit %d);",
                        ResourceMonitor.shortName(name),
                        was,
                        count,
                        (count - was) / (double) Math.max(1, opened.get()),
                        processes.openFilesLimit(name)));
            });
            files.setLength(files.length() - 1);
            files.append('.');
        }
        String limits = fdWarning();
        new Summary(
                        "sockets",
                        sockets + " " + socketKind + " sockets through " + gateway + " at " + connectRate
                                + " connects/s over " + pairCount * 2 + " users, then idle " + idleSeconds
                                + " s.\n\n" + processLine())
                .section(stats.table("Handshakes (latency: until the socket is open)"))
                .section(String.format(
                        Locale.ROOT,
                        "Sockets: %d opened, %d failed; the last opened %.2f s after the first attempt (%.0f opened/s"
                                + " over the ramp).%s",
                        opened.get(),
                        failed.get(),
                        rampSeconds,
                        rampSeconds > 0 ? opened.get() / rampSeconds : 0.0,
                        idleSample == null ? " The idle measurement was not reached." : ""))
                .section(stats.scheduleLine())
                .section(memory.toString())
                .section(files.toString())
                .section(limits)
                .section(resources(phases, "socket"))
                .write();
        monitor.close();
    }

    private String memoryRow(String name, long beforeKiB, long afterKiB) {
        long open = Math.max(1, opened.get());
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                beforeKiB / 1024.0,
                afterKiB / 1024.0,
                (afterKiB - beforeKiB) / 1024.0,
                (afterKiB - beforeKiB) / (double) open);
    }

    /** Each socket takes a descriptor in this JVM, and two in the gateway (client side and realtime side). */
    private String fdWarning() {
        StringBuilder text = new StringBuilder();
        long gatewayLimit = processes.openFilesLimit("gateway");
        long ownLimit = processes.openFilesLimit(StackProcesses.LOAD_GENERATOR);
        if (gatewayLimit > 0 && 2L * sockets + 500 > gatewayLimit) {
            text.append("Warning: the gateway may open only ")
                    .append(gatewayLimit)
                    .append(" files; ")
                    .append(sockets)
                    .append(" sockets need about ")
                    .append(2L * sockets + 500)
                    .append(" (start the stack with a higher `ulimit -n`).\n");
        }
        if (ownLimit > 0 && sockets + 500L > ownLimit) {
            text.append("Warning: this JVM may open only ").append(ownLimit).append(" files.\n");
        }
        return text.toString();
    }
}
