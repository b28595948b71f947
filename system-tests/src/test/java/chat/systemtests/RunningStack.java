package chat.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole system started the way a user starts it, {@code deploy/local/run.sh}, in its own data
 * folder and on a free port, read through its output for the {@code ready} line.
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Sockets are pinged this often in tests (25 s by default), to see keep-alive at work. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(2);

    final int port;
    final Duration startup;
    final Path dataDir;
    /** run.sh's flags other than --fresh, kept for a restart. */
    private final List<String> flags;

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private RunningStack(Path dataDir, int port, boolean fresh, List<String> flags)
            throws IOException, InterruptedException {
        this.port = port;
        this.dataDir = dataDir;
        this.flags = List.copyOf(flags);
        List<String> command = new ArrayList<>(
                List.of("bash", ROOT.resolve("deploy/local/run.sh").toString()));
        if (fresh) {
            command.add("--fresh");
        }
        command.addAll(flags);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CHAT_PORT", Integer.toString(port));
        builder.environment().put("CHAT_DATA_DIR", dataDir.toString());
        builder.environment().put("CHAT_PING_INTERVAL", PING_INTERVAL.toSeconds() + "s");
        // expired tokens are refused within a second, not the minute allowed for clock drift
        builder.environment().put("CHAT_JWT_CLOCK_SKEW", "1s");
        long started = System.nanoTime();
        process = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.contains("ready")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the stack stops
            }
            ready.completeExceptionally(new IllegalStateException("run.sh ended before ready:\n" + output()));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The stack did not become ready:\n" + output(), e);
        }
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    static RunningStack start(Path dataDir, boolean fresh) throws IOException, InterruptedException {
        return new RunningStack(dataDir, freePort(), fresh, List.of());
    }

    /** A fresh stack whose tokens come from a real Keycloak ({@code --keycloak}), with the user sync. */
    static RunningStack startWithKeycloak(Path dataDir) throws IOException, InterruptedException {
        return new RunningStack(dataDir, freePort(), true, List.of("--keycloak"));
    }

    /** The same stack started again, on its kept data and the same port. */
    RunningStack restart() throws IOException, InterruptedException {
        close();
        return new RunningStack(dataDir, port, false, flags);
    }

    /** Keycloak's base URL, as the launcher printed it ({@code --keycloak} only). */
    URI keycloakUri() {
        return URI.create(printed("keycloak\\s+ok\\s+(\\S+)"));
    }

    /** The user sync's own address ({@code --keycloak} only); the gateway does not route to it. */
    URI userSyncUri() {
        return URI.create("http://127.0.0.1:" + printed("keycloak-user-sync\\s+starting on :(\\d+)"));
    }

    /** The broker's address, as the launcher printed it. */
    String kafkaBootstrapServers() {
        return printed("kafka\\s+ok\\s+(\\S+)");
    }

    /** The S3 store's address, as the launcher printed it. */
    String s3Endpoint() {
        return printed("s3\\s+ok\\s+(\\S+)");
    }

    /** The JDBC URL of one service's database, from the PostgreSQL port the launcher printed. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + printed("postgres\\s+ok\\s+(\\S+)") + "/" + database;
    }

    /** The broker's process, to freeze and thaw it. */
    ProcessHandle kafkaProcess() {
        return process.descendants()
                .filter(p -> commandLine(p).contains("kafka.Kafka"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Kafka broker among the stack's processes"));
    }

    /** The environment a service of the stack was started with, to start another instance of it. */
    Map<String, String> environmentOf(String module) throws IOException {
        ProcessHandle service = process.descendants()
                .filter(p -> commandLine(p).contains(module + "-0.1.0-SNAPSHOT-exec.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + module + " among the stack's processes"));
        Map<String, String> environment = new java.util.HashMap<>();
        String all = new String(
                java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(service.pid()), "environ")),
                StandardCharsets.UTF_8);
        for (String entry : all.split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    /** Read from /proc: ProcessHandle.Info leaves long command lines out. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(
                            java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                            StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private String printed(String pattern) {
        java.util.regex.Matcher match = java.util.regex.Pattern.compile(pattern).matcher(output());
        if (!match.find()) {
            throw new IllegalStateException("the launcher did not print " + pattern);
        }
        return match.group(1);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Every process the stack started, to check afterwards that none is left. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }

    /**
     * Stops it as Ctrl-C would (SIGINT reaches the JVM that run.sh execs into); true if it ended.
     * A test run started in the background without job control has SIGINT ignored, and passes that
     * on to the stack, which then could not hear Ctrl-C at all: it gets SIGTERM instead.
     */
    boolean stop(Duration timeout) throws InterruptedException, IOException {
        return signal(ignoresSigint() ? "TERM" : "INT", timeout);
    }

    private boolean ignoresSigint() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).strip(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    private boolean signal(String signal, Duration timeout) throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .start()
                .waitFor();
        return process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive() && !stop(Duration.ofSeconds(60))) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
