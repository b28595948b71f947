package chat.deploy.baseimage;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the base image of the services and the gateway with Jib, from {@code scratch}, as a
 * {@code docker save} archive, without a Docker daemon or a registry: a Java runtime linked from
 * the build JDK with only the modules a service needs, the few shared libraries of this machine
 * that runtime links against, and a non-root user.
 *
 * <p>Arguments: the archive to write, its {@code name:tag}, and the Java modules, comma-separated.
 */
public final class BaseImage {

    /** The user every service runs as; no file the services write to belongs to root. */
    static final int APP_USER = 10001;

    static final String JAVA_HOME = "/opt/java";

    /**
     * Native parts of java.desktop that only a graphical or sound program loads. They alone need
     * X11 and ALSA; a headless server uses java.desktop for java.beans and never opens them.
     */
    private static final Set<String> DESKTOP_ONLY =
            Set.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so");

    /**
     * Libraries glibc opens by itself at run time, so ldd never lists them: libgcc_s for unwinding
     * a thread that exits, the NSS modules for users and host names (built into libc since glibc
     * 2.34, separate files before).
     */
    private static final List<String> OPENED_BY_GLIBC =
            List.of("libgcc_s.so.1", "libnss_files.so.2", "libnss_dns.so.2");

    private static final Path UTF8_LOCALE = Path.of("/usr/lib/locale/C.utf8");

    /** Every file and the image itself: the same inputs give the same layers and image. */
    private static final Instant EPOCH = Instant.EPOCH;

    private static final String ROOT_OWNER = "0:0";

    private BaseImage() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BaseImage <output.tar> <name:tag> <java modules, comma-separated>");
            System.exit(2);
        }
        Path output = Path.of(args[0]).toAbsolutePath();
        String tag = args[1];
        List<String> modules = Stream.of(args[2].split(","))
                .map(String::strip)
                .filter(m -> !m.isEmpty())
                .toList();

        Path work = output.resolveSibling("base-image-work");
        deleteRecursively(work);
        Files.createDirectories(work);
        Path runtime = work.resolve("java");
        jlink(modules, runtime);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", JAVA_HOME + "/bin:/usr/bin:/bin");
        environment.put("JAVA_HOME", JAVA_HOME);
        // file names and console output in UTF-8
        environment.put("LANG", "C.UTF-8");
        Files.createDirectories(output.getParent());
        Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                .setCreationTime(EPOCH)
                .setUser(APP_USER + ":" + APP_USER)
                .setEnvironment(environment)
                .addLabel("chat.java.version", Runtime.version().toString())
                .setFileEntriesLayers(
                        systemLayer(runtime, work.resolve("files")), javaLayer(runtime, work.resolve("files")))
                .containerize(Containerizer.to(TarImage.at(output).named(tag))
                        // nothing to pull: the caches only hold the layers written here
                        .setBaseImageLayersCache(work.resolve("cache"))
                        .setApplicationLayersCache(work.resolve("cache"))
                        .setOfflineMode(true)
                        .setToolName("chat-base-image"));
        deleteRecursively(work);
        System.out.printf("base image %s: %s, %d bytes%n", tag, output, Files.size(output));
    }

    private static void jlink(List<String> modules, Path runtime) {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException(
                        "the JDK running the build has no jlink: build with a full JDK 21 or newer"));
        StringWriter log = new StringWriter();
        PrintWriter out = new PrintWriter(log);
        int exit = jlink.run(
                out,
                out,
                "--add-modules",
                String.join(",", modules),
                "--output",
                runtime.toString(),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--compress=zip-6");
        out.flush();
        if (exit != 0) {
            throw new IllegalStateException("jlink failed (a JDK without jmods must be able to link its own run-time"
                    + " image, JDK 24+ builds usually can):\n" + log);
        }
    }

    /** Users, temporary files and the shared libraries the runtime links against. */
    private static FileEntriesLayer systemLayer(Path runtime, Path files) throws IOException, InterruptedException {
        Layer layer = new Layer("users, /tmp and the shared libraries the Java runtime links against", files);
        layer.text(
                "/etc/passwd",
                "root:x:0:0:root:/root:/sbin/nologin\nchat:x:%d:%d:chat:/home/chat:/sbin/nologin\n"
                        .formatted(APP_USER, APP_USER));
        layer.text("/etc/group", "root:x:0:\nchat:x:%d:\n".formatted(APP_USER));
        // without it glibc would ask DNS before /etc/hosts, which orchestrators fill in
        layer.text("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        layer.directory("/root", "700", ROOT_OWNER);
        layer.directory("/home/chat", "755", APP_USER + ":" + APP_USER);
        // Jib's layers carry no sticky bit; the one user of the image is the only one writing here
        layer.directory("/tmp", "777", ROOT_OWNER);

        Set<Path> libraries = sharedLibraries(runtime);
        Path libcFolder = libraries.stream()
                .filter(p -> p.getFileName().toString().startsWith("libc.so"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ldd found no libc for the Java runtime"))
                .getParent();
        for (String name : OPENED_BY_GLIBC) {
            if (Files.exists(libcFolder.resolve(name))) {
                libraries.add(libcFolder.resolve(name));
            }
        }
        // Each at the path the loader and ldd name it by, with the content of the file it leads to
        // on this machine: the image has the folders and none of the host's links between them.
        for (Path library : libraries) {
            layer.hostFile(library.toString(), library);
        }
        // LANG=C.UTF-8 needs these files; without them glibc falls back to ASCII for file names
        if (Files.isDirectory(UTF8_LOCALE)) {
            try (Stream<Path> locale = Files.walk(UTF8_LOCALE)) {
                for (Path file : locale.filter(Files::isRegularFile).sorted().toList()) {
                    layer.hostFile(file.toString(), file);
                }
            }
        }
        return layer.build();
    }

    private static FileEntriesLayer javaLayer(Path runtime, Path files) throws IOException {
        Layer layer = new Layer("Java runtime " + Runtime.version() + " linked with jlink", files);
        try (Stream<Path> walked = Files.walk(runtime)) {
            for (Path file : walked.sorted().toList()) {
                String path =
                        JAVA_HOME + "/" + runtime.relativize(file).toString().replace('\\', '/');
                if (file.equals(runtime)) {
                    layer.directory(JAVA_HOME, "755", ROOT_OWNER);
                } else if (Files.isDirectory(file)) {
                    layer.directory(path, "755", ROOT_OWNER);
                } else if (!DESKTOP_ONLY.contains(file.getFileName().toString())) {
                    layer.hostFile(path, file);
                }
            }
        }
        return layer.build();
    }

    /** The host libraries that the runtime's launcher and native libraries are linked against. */
    private static Set<Path> sharedLibraries(Path runtime) throws IOException, InterruptedException {
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(runtime)) {
            binaries = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".so")
                            || f.getParent().getFileName().toString().equals("bin"))
                    .filter(f -> !DESKTOP_ONLY.contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        Set<String> runtimeLibraries;
        try (Stream<Path> files = Files.walk(runtime)) {
            runtimeLibraries = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<Path> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            for (String line : ldd(binary)) {
                String[] parts = line.strip().split("\\s+");
                if (line.contains("=> not found")) {
                    // the runtime's own libraries (libjvm.so) are found at run time beside the caller
                    if (!runtimeLibraries.contains(parts[0])) {
                        throw new IllegalStateException(binary + " needs " + parts[0] + ", which this machine lacks");
                    }
                } else if (line.contains("=>") && parts.length >= 3 && parts[2].startsWith("/")) {
                    libraries.add(Path.of(parts[2]));
                } else if (parts[0].startsWith("/")) {
                    libraries.add(Path.of(parts[0]));
                }
            }
        }
        libraries.removeIf(p -> p.toAbsolutePath().startsWith(runtime.toAbsolutePath()));
        return libraries;
    }

    private static List<String> ldd(Path binary) throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", binary.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = ldd.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (ldd.waitFor() != 0) {
            throw new IllegalStateException("ldd " + binary + " failed:\n" + output);
        }
        return output.lines().toList();
    }

    private static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
    }

    /**
     * The entries of one layer, each once, owned by root unless said otherwise; files written
     * here (the users, the resolver's order) go to a folder of their own first.
     */
    private static final class Layer {

        private final FileEntriesLayer.Builder entries;
        private final Path files;
        private final Set<String> paths = new HashSet<>();

        Layer(String name, Path files) {
            this.entries = FileEntriesLayer.builder().setName(name);
            this.files = files;
        }

        void directory(String path, String mode, String owner) throws IOException {
            Path empty = Files.createDirectories(files.resolve(".empty"));
            add(empty, path, mode, owner);
        }

        void text(String path, String content) throws IOException {
            Path file = files.resolve(path.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            add(file, path, "644", ROOT_OWNER);
        }

        /** A file of this machine, its links followed, executable if it is here. */
        void hostFile(String path, Path source) throws IOException {
            Path real = source.toRealPath();
            add(real, path, Files.isExecutable(real) ? "755" : "644", ROOT_OWNER);
        }

        private void add(Path source, String path, String mode, String owner) {
            if (paths.add(path)) {
                entries.addEntry(
                        source, AbsoluteUnixPath.get(path), FilePermissions.fromOctalString(mode), EPOCH, owner);
            }
        }

        FileEntriesLayer build() {
            return entries.build();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
