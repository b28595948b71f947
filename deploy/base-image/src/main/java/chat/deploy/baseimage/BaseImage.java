package chat.deploy.baseimage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the base image of the services and the gateway as a {@code docker save} archive, without a
 * Docker daemon or a registry: a Java runtime linked from the build JDK with only the modules a
 * service needs, the few shared libraries of this machine that runtime links against, and a
 * non-root user.
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

    private static final String EPOCH = "1970-01-01T00:00:00Z";

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

        List<Path> layers = List.of(work.resolve("system.tar"), work.resolve("java.tar"));
        List<String> diffIds =
                List.of(write(systemLayer(runtime), layers.get(0)), write(javaLayer(runtime), layers.get(1)));
        writeArchive(output, tag, layers, diffIds);
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
    private static TarLayer systemLayer(Path runtime) throws IOException, InterruptedException {
        TarLayer layer = new TarLayer();
        layer.file(
                "/etc/passwd",
                "root:x:0:0:root:/root:/sbin/nologin\nchat:x:%d:%d:chat:/home/chat:/sbin/nologin\n"
                        .formatted(APP_USER, APP_USER),
                0644);
        layer.file("/etc/group", "root:x:0:\nchat:x:%d:\n".formatted(APP_USER), 0644);
        // without it glibc would ask DNS before /etc/hosts, which orchestrators fill in
        layer.file("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n", 0644);
        layer.directory("/root", 0700, 0);
        layer.directory("/home/chat", 0755, APP_USER);
        layer.directory("/tmp", 01777, 0);

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
        for (Path library : libraries) {
            addHostFile(layer, library);
        }
        // LANG=C.UTF-8 needs these files; without them glibc falls back to ASCII for file names
        if (Files.isDirectory(UTF8_LOCALE)) {
            try (Stream<Path> files = Files.walk(UTF8_LOCALE)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    addHostFile(layer, file);
                }
            }
        }
        return layer;
    }

    private static TarLayer javaLayer(Path runtime) throws IOException {
        TarLayer layer = new TarLayer();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.sorted().toList()) {
                String path =
                        JAVA_HOME + "/" + runtime.relativize(file).toString().replace('\\', '/');
                if (file.equals(runtime)) {
                    layer.directory(JAVA_HOME, 0755, 0);
                } else if (Files.isSymbolicLink(file)) {
                    layer.symlink(path, Files.readSymbolicLink(file).toString());
                } else if (Files.isDirectory(file)) {
                    layer.directory(path, 0755, 0);
                } else if (!DESKTOP_ONLY.contains(file.getFileName().toString())) {
                    layer.copy(path, file, Files.isExecutable(file) ? 0755 : 0644);
                }
            }
        }
        return layer;
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

    /**
     * Copies a host file to the same path in the layer. Every symbolic link on the way (such as
     * /lib64 → usr/lib64 on a merged-/usr system) is kept as a link, so the paths compiled into the
     * binaries (the dynamic loader's above all) resolve in the image as they do on the host.
     */
    private static void addHostFile(TarLayer layer, Path file) throws IOException {
        Path walked = file.getRoot();
        for (int i = 0; i < file.getNameCount(); i++) {
            Path next = walked.resolve(file.getName(i));
            if (Files.isSymbolicLink(next)) {
                Path target = Files.readSymbolicLink(next);
                // relative, so the link stays inside wherever the image is unpacked
                layer.symlink(
                        next.toString(),
                        (target.isAbsolute() ? next.getParent().relativize(target) : target).toString());
                Path resolved = next.getParent().resolve(target).normalize();
                for (int j = i + 1; j < file.getNameCount(); j++) {
                    resolved = resolved.resolve(file.getName(j));
                }
                addHostFile(layer, resolved);
                return;
            }
            walked = next;
        }
        if (!layer.contains(file.toString())) {
            layer.copy(file.toString(), file, Files.isExecutable(file) ? 0755 : 0644);
        }
    }

    /** Writes a layer and answers its diff id, the digest of its uncompressed bytes. */
    private static String write(TarLayer layer, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out =
                new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), sha256)) {
            layer.writeTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The layout {@code docker load} and Jib's {@code tar://} base images read. */
    private static void writeArchive(Path output, String tag, List<Path> layers, List<String> diffIds)
            throws IOException {
        String config = config(diffIds);
        String configName =
                HexFormat.of().formatHex(sha256().digest(config.getBytes(StandardCharsets.UTF_8))) + ".json";
        List<String> layerNames = diffIds.stream().map(id -> id + "/layer.tar").toList();
        String manifest = "[{\"Config\":%s,\"RepoTags\":[%s],\"Layers\":[%s]}]"
                .formatted(
                        json(configName),
                        json(tag),
                        layerNames.stream().map(BaseImage::json).collect(Collectors.joining(",")));

        TarLayer archive = new TarLayer();
        for (int i = 0; i < layers.size(); i++) {
            archive.copy(layerNames.get(i), layers.get(i), 0644);
        }
        archive.file(configName, config, 0644);
        archive.file("manifest.json", manifest, 0644);
        Files.createDirectories(output.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            archive.writeTo(out);
        }
    }

    private static String config(List<String> diffIds) {
        String architecture = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        List<String> env = List.of(
                "PATH=" + JAVA_HOME + "/bin:/usr/bin:/bin",
                "JAVA_HOME=" + JAVA_HOME,
                // file names and console output in UTF-8
                "LANG=C.UTF-8");
        List<String> history = new ArrayList<>();
        history.add(historyEntry("users, /tmp and the shared libraries the Java runtime links against"));
        history.add(historyEntry("Java runtime " + Runtime.version() + " linked with jlink"));
        return """
                {"architecture":%s,"os":"linux","created":%s,\
                "config":{"User":%s,"Env":[%s],"Labels":{"chat.java.version":%s}},\
                "rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}""".formatted(
                        json(architecture),
                        json(EPOCH),
                        json(APP_USER + ":" + APP_USER),
                        env.stream().map(BaseImage::json).collect(Collectors.joining(",")),
                        json(Runtime.version().toString()),
                        diffIds.stream().map(id -> json("sha256:" + id)).collect(Collectors.joining(",")),
                        String.join(",", history));
    }

    private static String historyEntry(String createdBy) {
        return "{\"created\":%s,\"created_by\":%s}".formatted(json(EPOCH), json(createdBy));
    }

    private static String json(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append("\\u%04x".formatted((int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
