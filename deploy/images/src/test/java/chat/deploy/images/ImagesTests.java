package chat.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The images that {@code mvn package} wrote for the services and the gateway: how each one is
 * configured and, where this machine allows it, that each one runs: its Java runtime starts as the
 * image's user and the health probe works from the image's classpath.
 */
class ImagesTests {

    /**
     * The archives hold compressed layers: 95 to 156 MiB today, mostly the services' own
     * dependencies (deploy/images/README.md has the figures). A jump past this bound means a
     * dependency or a runtime module came in unnoticed.
     */
    private static final long MAX_ARCHIVE_BYTES = 180L * 1024 * 1024;

    private static final String USER = "10001:10001";
    private static final String PROBE = "chat.common.ops.HealthProbe";

    private static final Path ROOT =
            Path.of(System.getProperty("images.root", "../..")).toAbsolutePath().normalize();
    private static final String VERSION = ImageTags.required("images.version");

    /** A module that builds an image, in {@code folder} of the repository, named after the module. */
    record Service(String folder, int port, String mainClass) {

        String module() {
            return Path.of(folder).getFileName().toString();
        }

        Path archive() {
            return ROOT.resolve(folder).resolve("target/image.tar");
        }

        @Override
        public String toString() {
            return module();
        }
    }

    static Stream<Service> services() {
        return Stream.of(
                new Service("gateway", 8080, "chat.gateway.GatewayApplication"),
                new Service("conversation-service", 8081, "chat.conversation.ConversationServiceApplication"),
                new Service("message-service", 8082, "chat.message.MessageServiceApplication"),
                new Service("attachment-service", 8083, "chat.attachment.AttachmentServiceApplication"),
                new Service("realtime-service", 8084, "chat.realtime.RealtimeServiceApplication"),
                new Service("deploy/keycloak-user-sync", 8085, "chat.usersync.UserSyncApplication"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void isTaggedWithTheModuleAndVersion(Service service) throws IOException {
        ManifestEntry manifest = archive(service).manifest();

        assertThat(manifest.repoTags()).containsExactly("chat/" + service.module() + ":" + VERSION);
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsAsTheNonRootUser(Service service) throws IOException {
        assertThat(archive(service).config().config().user()).isEqualTo(USER);
    }

    @ParameterizedTest
    @MethodSource("services")
    void startsTheServiceWithFlagsForContainers(Service service) throws IOException {
        List<String> entrypoint = archive(service).config().config().entrypoint();

        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint).last().isEqualTo(service.mainClass());
        // the tunable part is in the environment, so that a deployment can replace it
        Map<String, String> environment = archive(service).config().config().environment();
        assertThat(environment).containsEntry("MALLOC_ARENA_MAX", "2");
        assertThat(environment.get("JAVA_TOOL_OPTIONS")).startsWith("-XX:MaxRAMPercentage=60 ");
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesTheServicePortAndTellsTheServiceAndTheProbe(Service service) throws IOException {
        ImageConfig.Container config = archive(service).config().config();

        assertThat(config.exposedPorts()).containsOnlyKeys(service.port() + "/tcp");
        assertThat(config.environment())
                .containsEntry("SERVER_PORT", String.valueOf(service.port()))
                .containsEntry("JAVA_HOME", "/opt/java");
        assertThat(config.environment().get("PATH")).startsWith("/opt/java/bin:");
    }

    @ParameterizedTest
    @MethodSource("services")
    void staysSmall(Service service) throws IOException {
        ImageArchive archive = archive(service);
        long size = Files.size(service.archive());
        System.out.printf(
                "%s: %,d bytes in %d layers%n",
                service.archive(), size, archive.manifest().layers().size());

        assertThat(size).isLessThan(MAX_ARCHIVE_BYTES);
    }

    @Test
    void baseImageLayersAreWhatItsConfigurationSays() throws Exception {
        Path file = ROOT.resolve("deploy/base-image/target/base-image.tar");
        assertThat(file)
                .as("the base image archive, built at package by deploy/base-image")
                .exists();
        ImageArchive base = ImageArchive.open(file);

        List<String> digests = new ArrayList<>();
        for (String layer : base.manifest().layers()) {
            byte[] bytes = base.bytes(layer);
            // a diff id is the digest of the layer's tar; Jib stores the layers gzip-compressed
            if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = gunzip.readAllBytes();
                }
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            digests.add("sha256:" + HexFormat.of().formatHex(sha256.digest(bytes)));
        }

        assertThat(base.config().rootfs().diffIds()).isEqualTo(digests);
        assertThat(base.config().config().user()).isEqualTo(USER);
    }

    /**
     * Unpacks the image and runs it as a container engine would, in a root of its own and a fresh
     * /proc, with nothing from this machine: Java must start as the image's user and the health
     * probe, the very command the orchestrators run, must answer both ways.
     */
    @ParameterizedTest
    @MethodSource("services")
    void runsJavaAndTheHealthProbeInsideTheImage(Service service, @TempDir Path work) throws Exception {
        assumeImagesCanRun(work);
        ImageArchive archive = archive(service);
        ImageConfig config = archive.config();
        Path rootfs = unpack(archive, work);

        Result version = inImage(rootfs, config, Map.of(), "java", "-version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).contains("version");

        String classpath =
                Files.readString(rootfs.resolve("app/jib-classpath-file")).strip();
        assertThat(classpath.split(":"))
                .allSatisfy(
                        entry -> assertThat(rootfs.resolve(entry.substring(1))).exists());

        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = socket.getLocalPort();
        }
        Result down = inImage(
                rootfs,
                config,
                // the gateway's probe asks its management port: both name the one to try here
                Map.of(
                        "SERVER_PORT",
                        String.valueOf(nothingListens),
                        "MANAGEMENT_SERVER_PORT",
                        String.valueOf(nothingListens)),
                "java",
                "-cp",
                "/app/libs/*",
                PROBE);
        assertThat(down.exit()).as(down.output()).isEqualTo(1);
        assertThat(down.output()).contains("readiness: no answer").doesNotContain("Error:", "Exception in thread");

        HttpServer ready = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ready.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ready.start();
        try {
            Result up = inImage(
                    rootfs,
                    config,
                    Map.of(
                            "SERVER_PORT",
                            String.valueOf(ready.getAddress().getPort()),
                            "MANAGEMENT_SERVER_PORT",
                            String.valueOf(ready.getAddress().getPort())),
                    "java",
                    "-cp",
                    "/app/libs/*",
                    PROBE);
            assertThat(up.exit()).as(up.output()).isZero();
            assertThat(up.output()).contains("readiness: 200");
        } finally {
            ready.stop(0);
        }
    }

    /**
     * The gateway needs no database, broker or store to start, so its image shows that a whole
     * service runs from the image's runtime and classpath, as the entrypoint starts it, until its
     * readiness probe answers 200.
     */
    @Test
    void gatewayImageStartsTheGatewayUntilItIsReady(@TempDir Path work) throws Exception {
        assumeImagesCanRun(work);
        Service gateway =
                services().filter(s -> s.module().equals("gateway")).findFirst().orElseThrow();
        ImageArchive archive = archive(gateway);
        ImageConfig config = archive.config();
        Path rootfs = unpack(archive, work);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, String> environment = new HashMap<>(config.config().environment());
        environment.put("SERVER_PORT", String.valueOf(port));
        assertThat(environment)
                .as("the gateway serves /actuator on a port of its own")
                .containsKey("MANAGEMENT_SERVER_PORT");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(socket.getLocalPort()));
        }
        List<String> line = new ArrayList<>(inImageCommand(rootfs, config));
        line.addAll(config.config().entrypoint());
        Path log = work.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process running = builder.start();
        try {
            long start = System.nanoTime();
            Result probe = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (running.isAlive() && System.nanoTime() < deadline) {
                probe = inImage(
                        rootfs,
                        config,
                        Map.of(
                                "SERVER_PORT",
                                String.valueOf(port),
                                "MANAGEMENT_SERVER_PORT",
                                environment.get("MANAGEMENT_SERVER_PORT")),
                        "java",
                        "-cp",
                        "/app/libs/*",
                        PROBE);
                if (probe.exit() == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(probe)
                    .as("the gateway's log:%n%s", Files.readString(log))
                    .isNotNull();
            assertThat(probe.exit())
                    .as("the probe said %s; the gateway's log:%n%s", probe.output(), Files.readString(log))
                    .isZero();
            assertThat(Files.readString(log)).contains("Started GatewayApplication");
            System.out.printf(
                    "gateway image ready after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        } finally {
            stop(running);
        }
    }

    /**
     * Ends a process started in the image and everything under it. unshare ignores SIGTERM while
     * it waits for its child, and chroot's change of user clears any parent-death signal, so the
     * service itself is told to stop (gracefully, as an orchestrator would).
     */
    private static void stop(Process process) throws Exception {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle each : tree) {
            try {
                each.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                each.destroyForcibly();
            }
        }
    }

    private static void assumeImagesCanRun(Path work) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/chroot")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "running the image needs Linux with chroot and unshare; only its configuration was checked");
        assumeTrue(
                run(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "true"), Map.of(), work)
                                .exit()
                        == 0,
                "running the image needs root (chroot, a mount namespace); only its configuration was checked");
    }

    /** Unpacks the image's layers in order, as a container engine lays out its root. */
    private static Path unpack(ImageArchive archive, Path work) throws Exception {
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        for (String layer : archive.manifest().layers()) {
            Path layerFile = work.resolve("layer.tar.gz");
            archive.copy(layer, layerFile);
            Result untar = run(
                    List.of(
                            "tar",
                            "-xzf",
                            layerFile.toString(),
                            "-C",
                            rootfs.toString(),
                            "--warning=no-unknown-keyword"),
                    Map.of(),
                    work);
            assertThat(untar.exit()).as(untar.output()).isZero();
            Files.delete(layerFile);
        }
        // container engines mount /proc themselves; the dynamic loader needs it to find libjli.so
        Files.createDirectories(rootfs.resolve("proc"));
        return rootfs;
    }

    private static ImageArchive archive(Service service) throws IOException {
        assertThat(service.archive())
                .as("the image archive, built by mvn package unless -Dimages.skip is given")
                .exists();
        return ImageArchive.open(service.archive());
    }

    /** Runs a command in the unpacked image as its user, with the image's environment only. */
    private static Result inImage(
            Path rootfs, ImageConfig config, Map<String, String> extraEnvironment, String... command) throws Exception {
        List<String> line = new ArrayList<>(inImageCommand(rootfs, config));
        line.addAll(List.of(command));
        Map<String, String> environment = new HashMap<>(config.config().environment());
        environment.putAll(extraEnvironment);
        return run(line, environment, rootfs);
    }

    /** chroot into the image as its user, in mount and PID namespaces of its own with a fresh /proc. */
    private static List<String> inImageCommand(Path rootfs, ImageConfig config) {
        return List.of(
                "/usr/bin/unshare",
                "--mount",
                "--pid",
                "--fork",
                "--mount-proc=" + rootfs.resolve("proc"),
                "/usr/sbin/chroot",
                "--userspec=" + config.config().user(),
                rootfs.toString());
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> environment, Path directory) throws Exception {
        Path log = Files.createTempFile("image-run", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (!environment.isEmpty()) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command + " did not finish in 60 s:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }
}
