package chat.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The java executable of the launcher's own JDK, which every child runs on. */
final class JavaCommand {

    private JavaCommand() {}

    static String java() {
        Path home = Path.of(System.getProperty("java.home"));
        Path unix = home.resolve("bin/java");
        return Files.isExecutable(unix)
                ? unix.toString()
                : home.resolve("bin/java.exe").toString();
    }
}
