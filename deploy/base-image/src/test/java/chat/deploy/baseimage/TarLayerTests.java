package chat.deploy.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarLayerTests {

    private static final String LONG_FOLDER = "opt/" + "a-rather-long-folder-name/".repeat(6);

    @Test
    void writesWhatTarReadsBackWithModesOwnersAndLinks(@TempDir Path work) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "no tar");
        TarLayer layer = new TarLayer();
        layer.file("/etc/passwd", "root:x:0:0::/root:/sbin/nologin\n", 0644);
        layer.directory("/home/chat", 0755, 10001);
        layer.directory("/tmp", 01777, 0);
        layer.symlink("/lib64", "usr/lib64");
        layer.file(LONG_FOLDER + "file.txt", "far down", 0755);
        Path archive = work.resolve("layer.tar");
        try (var out = Files.newOutputStream(archive)) {
            layer.writeTo(out);
        }

        String listing = tar(work, "-tvf", archive.toString(), "--numeric-owner");
        Path unpacked = Files.createDirectories(work.resolve("root"));
        tar(work, "-xf", archive.toString(), "-C", unpacked.toString());

        assertThat(listing)
                .contains("drwxr-xr-x 10001/10001")
                .contains("drwxrwxrwt 0/0")
                .contains("lib64 -> usr/lib64");
        assertThat(unpacked.resolve("etc/passwd")).hasContent("root:x:0:0::/root:/sbin/nologin");
        assertThat(unpacked.resolve(LONG_FOLDER + "file.txt")).hasContent("far down");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(unpacked.resolve(LONG_FOLDER + "file.txt"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(unpacked.resolve("etc/passwd")).toMillis())
                .isZero();
    }

    @Test
    void writesTheSameBytesForTheSameFiles() throws IOException {
        assertThat(bytesOf(List.of("b", "a/c", "a"))).isEqualTo(bytesOf(List.of("a", "a/c", "b")));
    }

    @Test
    void refusesPathsThatLeaveTheImage() {
        assertThatThrownBy(() -> new TarLayer().file("/../etc/shadow", "x", 0600))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytesOf(List<String> order) throws IOException {
        TarLayer layer = new TarLayer();
        for (String path : order) {
            layer.file(path + "/file", path, 0644);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        layer.writeTo(out);
        return out.toByteArray();
    }

    private static String tar(Path work, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Path log = work.resolve("tar.log");
        Process tar = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(tar.exitValue()).as(output).isZero();
        return output;
    }
}
