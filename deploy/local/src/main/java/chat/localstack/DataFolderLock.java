package chat.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Keeps two launchers off one data folder: the second would wipe (--fresh) or corrupt the first's
 * PostgreSQL and Kafka files. The OS releases the lock when the launcher dies, even by kill -9.
 */
final class DataFolderLock {

    private static final String FILE_NAME = "launcher.lock";
    // Held for the life of the JVM; a lock that is garbage-collected is released.
    private static @Nullable FileLock held;

    private DataFolderLock() {}

    static synchronized void acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new StartFailure("another local stack (pid " + (owner.isEmpty() ? "?" : owner) + ") is using "
                    + dataDir + "; stop it first or set CHAT_DATA_DIR to another folder");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        held = lock;
    }

    static boolean isLockFile(Path file) {
        return file.getFileName().toString().equals(FILE_NAME);
    }
}
