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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole system started the way a user starts it, {@code deploy/local/run.sh}, in its own data
 * folder and on a free port, read through its output for the {@code ready} line.
 */
final class RunningStack implements AutoCloseable {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    final int port;
    final Duration startup;
    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private RunningStack(Path dataDir, int port, boolean fresh) throws IOException, InterruptedException {
        this.port = port;
        List<String> command = new ArrayList<>(
                List.of("bash", ROOT.resolve("deploy/local/run.sh").toString()));
        if (fresh) {
            command.add("--fresh");
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CHAT_PORT", Integer.toString(port));
        builder.environment().put("CHAT_DATA_DIR", dataDir.toString());
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
        return new RunningStack(dataDir, freePort(), fresh);
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

    /** Stops it as Ctrl-C would (SIGINT reaches the JVM that run.sh execs into); true if it ended. */
    boolean stop(Duration timeout) throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        return process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive() && !stop(Duration.ofSeconds(60))) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
