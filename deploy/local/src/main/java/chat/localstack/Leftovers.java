package chat.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the pid and start time of every process the launcher starts, so that the next run
 * can stop what a launcher killed with SIGKILL left behind: those processes still hold the data
 * folder's PostgreSQL and Kafka locks. The start time guards against a recycled pid.
 */
final class Leftovers {

    private final Path file;

    Leftovers(Path dataDir) {
        this.file = dataDir.resolve("children.pids");
    }

    /** Stops the processes of a previous run that are still alive, PostgreSQL's postmaster included. */
    List<Long> stopPrevious(Path postgresDir) throws IOException {
        List<ProcessHandle> alive = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2) {
                    ProcessHandle.of(Long.parseLong(fields[0]))
                            .filter(p -> startMillis(p).map(fields[1]::equals).orElse(false))
                            .ifPresent(alive::add);
                }
            }
        }
        // Started by pg_ctl as a daemon, so not our child; its own pid file names it.
        Path postmaster = postgresDir.resolve("postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            List<String> lines = Files.readAllLines(postmaster, StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                        .filter(p -> p.info().commandLine().orElse("").contains(postgresDir.toString()))
                        .ifPresent(alive::add);
            }
        }
        List<Long> stopped = alive.stream().map(ProcessHandle::pid).toList();
        alive.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        for (ProcessHandle process : alive) {
            try {
                process.onExit()
                        .get(
                                Math.max(
                                        1,
                                        Duration.between(Instant.now(), deadline)
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(file);
        return stopped;
    }

    void remember(ChildProcess child) {
        ProcessHandle.of(child.pid()).flatMap(Leftovers::startMillis).ifPresent(start -> {
            try {
                Files.writeString(
                        file,
                        child.pid() + " " + start + System.lineSeparator(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // Only a convenience for the run after a SIGKILL.
            }
        });
    }

    private static Optional<String> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> Long.toString(i.toEpochMilli()));
    }
}
