package chat.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system started the way a user starts it, {@code deploy/local/run.sh}, in its own data
 * folder and on a free port, read through its output for the {@code ready} line.
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** The project version, which names the jars the stack runs; set by this module's pom. */
    static final String VERSION = projectVersion();

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
    /**
     * Parts a test killed and started again: children of the test JVM, which the launcher does not
     * know, so that {@link #stop} stops them itself. The broker is stopped after the launcher, as
     * the launcher stops its own broker after the services.
     */
    private final List<Restarted> restarted = Collections.synchronizedList(new ArrayList<>());

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

    /**
     * Where a service's own actuator answers (the gateway: its management port; the others serve
     * it beside their API), as the launcher printed it.
     */
    URI actuatorUri(String module) {
        String port = module.equals("gateway")
                ? printed("gateway\\s+management \\(health, metrics\\) on 127\\.0\\.0\\.1:(\\d+)")
                : printed(module + "\\s+starting on :(\\d+)");
        return URI.create("http://127.0.0.1:" + port + "/actuator/");
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

    /** The broker's process, the launcher's or the one a test started again. */
    ProcessHandle kafkaProcess() {
        return find("chat.embedded.KafkaMain")
                .orElseThrow(() -> new IllegalStateException("no Kafka broker among the stack's processes"));
    }

    /** A service's process (the gateway's too), the launcher's or the one a test started again. */
    ProcessHandle serviceProcess(String module) {
        return find(module + "-" + VERSION + "-exec.jar")
                .orElseThrow(() -> new IllegalStateException("no " + module + " among the stack's processes"));
    }

    private Optional<ProcessHandle> find(String inCommandLine) {
        return all().filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(inCommandLine))
                .findFirst();
    }

    /** The launcher's descendants and the parts started again, live ones. */
    private Stream<ProcessHandle> all() {
        List<ProcessHandle> again;
        synchronized (restarted) {
            again = restarted.stream().map(r -> r.process().toHandle()).toList();
        }
        return Stream.concat(process.descendants(), again.stream());
    }

    /** The environment a service of the stack was started with, to start another instance of it. */
    Map<String, String> environmentOf(String module) throws IOException {
        return Launch.of(serviceProcess(module)).environment();
    }

    /**
     * How a process was started, read from /proc: its command line, environment and working
     * folder, enough to start it again exactly so after it was killed.
     */
    record Launch(List<String> command, Map<String, String> environment, Path directory) {

        static Launch of(ProcessHandle part) throws IOException {
            Path proc = Path.of("/proc", Long.toString(part.pid()));
            List<String> command = List.of(
                    new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
            Map<String, String> environment = new HashMap<>();
            String all = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
            for (String entry : all.split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    environment.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return new Launch(command, environment, proc.resolve("cwd").toRealPath());
        }
    }

    private record Restarted(String name, Process process, boolean infrastructure) {}

    /** SIGKILL, as the kernel's OOM killer or a failed host ends a process: no shutdown hook runs. */
    static void kill(ProcessHandle part) throws Exception {
        part.destroyForcibly();
        part.onExit().get(30, TimeUnit.SECONDS);
    }

    /**
     * Starts a killed part again as the launcher had started it: the same command line,
     * environment and folder, so the same port and data; its output goes on in the part's log.
     */
    Process startAgain(String name, Launch launch, boolean infrastructure) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process started = builder.start();
        started.getOutputStream().close();
        restarted.add(new Restarted(name, started, infrastructure));
        return started;
    }

    /** Waits until a service started again answers its readiness probe. */
    static void awaitReady(Process service, int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("exited with code " + service.exitValue() + " while starting");
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(readiness)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("not ready within " + timeout);
    }

    Path log(String part) {
        return dataDir.resolve("logs").resolve(part + ".log");
    }

    /** PostgreSQL's data folder, where pg_ctl finds the running server. */
    Path postgresData() {
        return dataDir.resolve("postgres");
    }

    /**
     * The running postmaster's pid, from its pid file: pg_ctl detaches it, so it is no descendant
     * of the launcher.
     */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(postgresData().resolve("postmaster.pid"))
                .getFirst()
                .strip());
    }

    /**
     * Runs zonky's own {@code pg_ctl} beside the running postmaster on the stack's data folder,
     * with the postmaster's environment.
     */
    void pgCtl(Launch postmaster, List<String> arguments) throws IOException, InterruptedException {
        Path pgCtl = Path.of(postmaster.command().getFirst()).resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; zonky then runs its binaries in a user namespace of
            // their own, where they are not root, and so must we
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", postgresData().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log("postgres").toFile()));
        builder.environment().clear();
        builder.environment().putAll(postmaster.environment());
        Process run = builder.start();
        run.getOutputStream().close();
        if (!run.waitFor(90, TimeUnit.SECONDS) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IllegalStateException("pg_ctl " + arguments + " failed; see " + log("postgres"));
        }
    }

    /** The postmaster's own options (all but its binary and -D), for pg_ctl's -o, quoted for its shell. */
    static String postmasterOptions(Launch postmaster) {
        List<String> options = new ArrayList<>();
        List<String> args = postmaster.command().subList(1, postmaster.command().size());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-D")) {
                i++;
                continue;
            }
            options.add("'" + args.get(i).replace("'", "'\\''") + "'");
        }
        return String.join(" ", options);
    }

    /** Read from /proc: ProcessHandle.Info leaves long command lines out. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
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
        List<ProcessHandle> all = new ArrayList<>(all().toList());
        all.add(process.toHandle());
        return all;
    }

    /**
     * Stops it as Ctrl-C would (SIGINT reaches the JVM that run.sh execs into); true if it ended.
     * A test run started in the background without job control has SIGINT ignored, and passes that
     * on to the stack, which then could not hear Ctrl-C at all: it gets SIGTERM instead.
     */
    boolean stop(Duration timeout) throws InterruptedException, IOException {
        stopRestarted(false, timeout);
        boolean stopped = signal(ignoresSigint() ? "TERM" : "INT", timeout);
        stopRestarted(true, timeout);
        return stopped;
    }

    /** SIGTERM to the parts a test started again, services or infrastructure, and waits for them. */
    private void stopRestarted(boolean infrastructure, Duration timeout) throws InterruptedException {
        List<Restarted> parts;
        synchronized (restarted) {
            parts = restarted.stream()
                    .filter(r -> r.infrastructure() == infrastructure)
                    .toList();
        }
        for (Restarted part : parts) {
            part.process().destroy();
        }
        for (Restarted part : parts) {
            if (!part.process().waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                part.process().destroyForcibly();
            }
        }
    }

    private boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!process.isAlive() || !Files.exists(status)) {
            // the launcher already ended (a part failed to start): nothing to signal
            return false;
        }
        for (String line : Files.readAllLines(status)) {
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
        synchronized (restarted) {
            restarted.forEach(r -> r.process().destroyForcibly());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String projectVersion() {
        String version = System.getProperty("chat.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("chat.version is set by system-tests/pom.xml: run the system tests"
                    + " through Maven (system-tests/README.md)");
        }
        return version;
    }
}
