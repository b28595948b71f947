package chat.loadtests;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the stack under test on this machine, found in {@code /proc} (Linux only), and
 * their CPU time and resident memory.
 *
 * <p>The services are found by their command line ({@code <service>-...-exec.jar}); when several
 * stacks run on the machine, the gateway is the one whose {@code SERVER_PORT} is the gateway URL's
 * port, and the services and Kafka are its siblings (children of the same launcher, as
 * {@code deploy/local/run.sh} starts them). PostgreSQL is the postmaster whose data folder lies in
 * the stack's data folder, with all its backends.
 */
final class StackProcesses {

    static final List<String> SERVICES =
            List.of("gateway", "conversation-service", "message-service", "attachment-service", "realtime-service");
    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";
    static final String LOAD_GENERATOR = "load-gen";

    private static final Path PROC = Path.of("/proc");

    /** Name → pid, in table order: the five services, Kafka, PostgreSQL, this JVM. */
    final Map<String, Long> pids = new LinkedHashMap<>();

    final List<String> warnings = new ArrayList<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private Optional<Path> dataDir = Optional.empty();
    final long ticksPerSecond = ticksPerSecond();

    record Proc(long pid, long ppid, List<String> args) {
        boolean runsJar(String module) {
            for (String arg : args) {
                String file = arg.substring(arg.lastIndexOf('/') + 1);
                if (file.startsWith(module + "-") && file.endsWith("-exec.jar")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What a process had used and held at one moment. */
    record Usage(long cpuTicks, long rssKiB) {}

    /** Every process's usage at one moment ({@link System#nanoTime()}). */
    record Snapshot(long atNanos, Map<String, Usage> usage) {}

    static StackProcesses discover(URI gateway) {
        StackProcesses found = new StackProcesses();
        if (!Files.isDirectory(PROC.resolve("self"))) {
            found.warnings.add("no /proc: CPU and memory are measured on Linux only");
            return found;
        }
        List<Proc> all = list();
        int gatewayPort = gateway.getPort() == -1 ? 80 : gateway.getPort();

        List<Proc> gateways = all.stream().filter(p -> p.runsJar("gateway")).toList();
        Proc gw = gateways.stream()
                .filter(p ->
                        Integer.toString(gatewayPort).equals(found.env(p.pid()).get("SERVER_PORT")))
                .findFirst()
                .orElse(gateways.size() == 1 ? gateways.getFirst() : null);
        Long launcher = gw == null ? null : gw.ppid();
        if (gw == null) {
            found.warnings.add("no gateway process listening on :" + gatewayPort + " found (" + gateways.size()
                    + " gateway processes on this machine)");
        }
        for (String service : SERVICES) {
            Proc proc = service.equals("gateway")
                    ? gw
                    : pick(all.stream().filter(p -> p.runsJar(service)).toList(), launcher);
            if (proc == null) {
                found.warnings.add("process of " + service + " not found");
            } else {
                found.pids.put(service, proc.pid());
            }
        }
        Proc kafka =
                pick(all.stream().filter(p -> p.args().contains("chat.embedded.KafkaMain")).toList(), launcher);
        if (kafka != null) {
            found.pids.put(KAFKA, kafka.pid());
            String config = kafka.args().getLast();
            if (config.endsWith("/kafka/server.properties")) {
                found.dataDir = Optional.of(Path.of(config).getParent().getParent());
            }
        }
        String dataDirProperty = Settings.string("dataDir", "");
        if (!dataDirProperty.isEmpty()) {
            found.dataDir = Optional.of(Path.of(dataDirProperty));
        }
        List<Proc> postmasters = all.stream()
                .filter(p -> !p.args().isEmpty()
                        && p.args().getFirst().endsWith("/postgres")
                        && p.args().contains("-D"))
                .toList();
        Proc postmaster = postmasters.stream()
                .filter(p -> found.dataDir
                        .map(dir -> p.args().get(p.args().indexOf("-D") + 1).startsWith(dir.toString()))
                        .orElse(false))
                .findFirst()
                .orElse(postmasters.size() == 1 ? postmasters.getFirst() : null);
        if (postmaster != null) {
            found.pids.put(POSTGRES, postmaster.pid());
        }
        found.pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
        return found;
    }

    /** The only candidate, or the one started by the same launcher as the gateway. */
    private static Proc pick(List<Proc> candidates, Long launcher) {
        if (launcher != null) {
            for (Proc candidate : candidates) {
                if (candidate.ppid() == launcher) {
                    return candidate;
                }
            }
        }
        return candidates.size() == 1 ? candidates.getFirst() : null;
    }

    /** The stack's data folder: -DdataDir, else Kafka's, else deploy/local/.data. */
    Path dataDir() {
        return dataDir.orElse(Settings.repoRoot().resolve("deploy/local/.data"));
    }

    /** A variable of a found process's environment (e.g. message-service's DB_URL), if readable. */
    Optional<String> envOf(String name, String variable) {
        Long pid = pids.get(name);
        return pid == null ? Optional.empty() : Optional.ofNullable(env(pid).get(variable));
    }

    private Map<String, String> env(long pid) {
        return environments.computeIfAbsent(Long.toString(pid), key -> {
            Map<String, String> env = new HashMap<>();
            try {
                byte[] bytes = Files.readAllBytes(PROC.resolve(key).resolve("environ"));
                for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        env.put(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
            } catch (IOException | SecurityException e) {
                // another user's process: matched by name only
            }
            return env;
        });
    }

    Snapshot sample() {
        long now = System.nanoTime();
        Map<String, Usage> usage = new LinkedHashMap<>();
        List<Proc> all = pids.containsKey(POSTGRES) ? list() : List.of();
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            long pid = entry.getValue();
            if (entry.getKey().equals(POSTGRES)) {
                Usage pg = postgres(pid, all);
                if (pg != null) {
                    usage.put(entry.getKey(), pg);
                }
            } else {
                long[] stat = stat(pid);
                if (stat != null) {
                    usage.put(entry.getKey(), new Usage(stat[1] + stat[2], rss(pid)));
                }
            }
        }
        return new Snapshot(now, usage);
    }

    /**
     * The postmaster with every backend: CPU of the live ones plus what exited ones left in the
     * postmaster's children times; memory as the sum of their proportional set sizes (RSS would
     * count the shared buffers once per backend).
     */
    private static Usage postgres(long postmaster, List<Proc> all) {
        long[] stat = stat(postmaster);
        if (stat == null) {
            return null;
        }
        long ticks = stat[1] + stat[2] + stat[3] + stat[4];
        long memory = pss(postmaster);
        for (Proc proc : all) {
            if (proc.ppid() == postmaster) {
                long[] child = stat(proc.pid());
                if (child != null) {
                    ticks += child[1] + child[2];
                    memory += pss(proc.pid());
                }
            }
        }
        return new Usage(ticks, memory);
    }

    private static List<Proc> list() {
        List<Proc> procs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    long pid = Long.parseLong(entry.getFileName().toString());
                    byte[] cmdline = Files.readAllBytes(entry.resolve("cmdline"));
                    long[] stat = stat(pid);
                    if (stat != null && cmdline.length > 0) {
                        List<String> args = Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
                        procs.add(new Proc(pid, stat[0], args));
                    }
                } catch (IOException | NumberFormatException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return procs;
    }

    /** ppid, utime, stime, cutime, cstime (clock ticks) from /proc/pid/stat, or null if gone. */
    static long[] stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // the command name, in parentheses, may hold spaces: count fields after its end
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(fields[1]),
                Long.parseLong(fields[11]),
                Long.parseLong(fields[12]),
                Long.parseLong(fields[13]),
                Long.parseLong(fields[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long rss(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line :
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    private static long pss(long pid) {
        try {
            for (String line :
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no smaps_rollup (old kernel): resident size instead
        }
        return rss(pid);
    }

    /** The open-files limit of a found process, from /proc/pid/limits, or -1. */
    long openFilesLimit(String name) {
        Long pid = pids.get(name);
        if (pid == null) {
            return -1;
        }
        try {
            for (String line :
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(
                            line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    String describe() {
        StringBuilder text = new StringBuilder("processes measured:");
        pids.forEach((name, pid) -> text.append(' ').append(name).append('=').append(pid));
        text.append(" (data folder ").append(dataDir()).append(')');
        warnings.forEach(w -> text.append("\n  warning: ").append(w));
        return text.toString();
    }
}
