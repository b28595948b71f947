package chat.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The java executable of the running JDK, which every child JVM runs on. */
public final class JavaCommand {

    private JavaCommand() {}

    public static String java() {
        Path home = Path.of(System.getProperty("java.home"));
        Path unix = home.resolve("bin/java");
        return Files.isExecutable(unix)
                ? unix.toString()
                : home.resolve("bin/java.exe").toString();
    }

    /**
     * JDK 23+ warns on stderr whenever a library (Guava, Netty, zstd) touches sun.misc.Unsafe or
     * native code; for these well-known libraries the warnings are noise.
     */
    public static List<String> quietFlags() {
        if (Runtime.version().feature() >= 23) {
            return List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
        }
        return List.of();
    }
}
