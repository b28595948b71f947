package chat.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in a child JVM on the launcher's
 * own class path, its log folder and cluster id kept in the data folder across runs.
 */
final class KafkaBroker {

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Formats the log folder if it is new and starts the broker, without waiting for it. */
    static KafkaBroker start(Path dir, Path logFile, int port, int controllerPort, Duration formatTimeout)
            throws IOException, InterruptedException {
        Path logDirs = dir.resolve("data");
        Files.createDirectories(logDirs);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(logDirs, port, controllerPort), StandardCharsets.UTF_8);

        ChildProcess format = ChildProcess.start(
                "kafka-storage-format",
                javaCommand(
                        "-Xmx256m",
                        "kafka.tools.StorageTool",
                        "format",
                        "--cluster-id",
                        clusterId(dir),
                        "--config",
                        config.toString(),
                        "--ignore-formatted"),
                Map.of(),
                logFile,
                null);
        int exit = format.await(formatTimeout);
        if (exit != 0) {
            throw new IllegalStateException("Formatting Kafka's log folder failed (exit " + exit + "):"
                    + System.lineSeparator() + format.tail(30));
        }
        ChildProcess broker = ChildProcess.start(
                "kafka", javaCommand("-Xmx512m", "kafka.Kafka", config.toString()), Map.of(), logFile, null);
        return new KafkaBroker(broker, port);
    }

    ChildProcess process() {
        return process;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Returns once the broker serves metadata; fails if it exits or {@code deadline} passes. */
    void awaitUp(Instant deadline) throws InterruptedException {
        // Wait for the socket first: an admin client pointed at a closed port logs a warning per retry.
        while (!Ports.isListening(port)) {
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
            throw new StartFailure(process, "exited with code " + process.exitCode());
        }
        if (Instant.now().isAfter(deadline)) {
            throw new StartFailure(process, "did not answer in time");
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
     * A static voter list rather than a dynamic quorum: the controller's port changes every run,
     * and a dynamic quorum would remember the old one in its log.
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

    private static List<String> javaCommand(String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), heap, "-XX:+UseSerialGC"));
        command.addAll(JavaCommand.quietFlags());
        command.addAll(List.of(
                "-Dlogback.configurationFile=kafka-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
