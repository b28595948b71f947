package chat.localstack;

import chat.embedded.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A process the launcher started, with its log file and, for a service, its health URL. */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final Process process;
    private final Path log;
    private final @Nullable URI health;

    private ChildProcess(String name, Process process, Path log, @Nullable URI health) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.health = health;
    }

    /** Starts {@code command} with the launcher's environment plus {@code env}, output to {@code log}. */
    static ChildProcess start(
            String name, List<String> command, Map<String, String> env, Path log, @Nullable URI health) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            // Closed so that nothing in a child ever waits for input from the terminal.
            process.getOutputStream().close();
            return new ChildProcess(name, process, log, health);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A process started elsewhere (Keycloak's own launcher), watched and stopped like the others. */
    static ChildProcess adopt(String name, Process process, Path log, @Nullable URI health) {
        return new ChildProcess(name, process, log, health);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Whether the health URL answers 200 now; a process without one counts as healthy while alive. */
    boolean isHealthy() {
        if (health == null) {
            return process.isAlive();
        }
        return answers200(health);
    }

    static boolean answers200(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the log. */
    String tail(int lines) {
        return LogFiles.tail(log, lines);
    }

    /**
     * Asks every process and its descendants to stop (SIGTERM), waits up to {@code grace} for all
     * of them, then kills what is left. Descendants are collected first because once their parent
     * is gone they are re-parented and can no longer be found from it.
     */
    static void stopAll(Collection<ChildProcess> children, Duration grace) {
        List<ProcessHandle> handles = new ArrayList<>();
        for (ChildProcess child : children) {
            handles.add(child.process.toHandle());
            child.process.descendants().forEach(handles::add);
        }
        handles.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle handle : handles) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // Still running at the deadline: killed below.
                }
            }
        }
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // A process that survives SIGKILL for 5 s is beyond our reach.
            }
        }
    }
}
