package chat.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in a child JVM on the class path
 * of the JVM that starts it, its log folder and cluster id kept in its folder across starts.
 * Topics are created by their first producer or consumer, with three partitions.
 *
 * @param process the broker's JVM
 * @param log the file its output is appended to
 * @param temporaryFolder its folder when it is deleted on {@link #close}, else null
 */
public record KafkaServer(
        Process process, int port, Path log, @Nullable Path temporaryFolder) implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /**
     * Starts the broker, which formats its log folder first if it is new, without waiting for it.
     *
     * @param dir the broker's folder: configuration, cluster id and log folder
     * @param log the file the broker's output is appended to
     */
    public static KafkaServer start(Path dir, Path log, int port, int controllerPort) throws IOException {
        return start(dir, log, port, controllerPort, false);
    }

    /**
     * A broker in a new temporary folder on free ports, deleted when it stops; for tests. Call
     * {@link #awaitUp} before using it.
     */
    public static KafkaServer throwAway() throws IOException {
        Path dir = Files.createTempDirectory("chat-kafka");
        return start(dir, dir.resolve("kafka.log"), LocalPorts.free(), LocalPorts.free(), true);
    }

    private static KafkaServer start(Path dir, Path log, int port, int controllerPort, boolean deleteOnClose)
            throws IOException {
        Path logDirs = dir.resolve("data");
        Files.createDirectories(logDirs);
        Files.createDirectories(log.getParent());
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(logDirs, port, controllerPort), StandardCharsets.UTF_8);
        Process process = javaProcess(log, config.toString(), clusterId(dir));
        return new KafkaServer(process, port, log, deleteOnClose ? dir : null);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Returns once the broker serves metadata; fails with {@link IllegalStateException} if it
     * exits or {@code deadline} passes.
     */
    public void awaitUp(Instant deadline) throws InterruptedException {
        // Wait for the socket first: an admin client pointed at a closed port logs a warning per retry.
        while (!LocalPorts.isListening(port)) {
            checkRunning(deadline);
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                checkRunning(deadline);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not serving yet; the next round asks again.
                }
                Thread.sleep(200);
            }
        }
    }

    private void checkRunning(Instant deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with code " + process.exitValue() + "; last lines of " + log
                    + ":" + System.lineSeparator() + LogFiles.tail(log, 30));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("Kafka did not answer in time; last lines of " + log + ":"
                    + System.lineSeparator() + LogFiles.tail(log, 30));
        }
    }

    /** Asks the broker to stop (SIGTERM), kills it if it has not within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (temporaryFolder != null) {
            deleteRecursively(temporaryFolder);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind costs only disk space.
        }
    }

    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
        return id;
    }

    /**
     * A static voter list rather than a dynamic quorum: the controller's port may change every
     * start, and a dynamic quorum would remember the old one in its log.
     */
    private static String serverProperties(Path logDirs, int port, int controllerPort) {
        return String.join(
                System.lineSeparator(),
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Without this, every consumer group waits 3 s before its first assignment.
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
    }

    /**
     * Runs {@link KafkaMain} on this JVM's class path (under Surefire too, which sets {@code
     * java.class.path} to the test class path), its output appended to {@code log}.
     */
    private static Process javaProcess(Path log, String config, String clusterId) throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(JavaCommand.quietFlags());
        command.addAll(List.of(
                "-Dlogback.configurationFile=kafka-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                KafkaMain.class.getName(),
                config,
                clusterId));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // Closed so that nothing in the child ever waits for input from a terminal.
        process.getOutputStream().close();
        return process;
    }
}
