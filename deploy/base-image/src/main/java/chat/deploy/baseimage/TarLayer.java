package chat.deploy.baseimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The files of one image layer, written as a POSIX (ustar) tar.
 *
 * <p>Entries are written in path order with one fixed timestamp, so the same content always gives
 * the same bytes and so the same layer digest: an unchanged runtime is not a new layer. Parent
 * folders are added as they are needed because some tar readers refuse an entry whose folder was
 * never declared.
 */
final class TarLayer {

    private static final int BLOCK = 512;
    private static final int ROOT = 0;

    private enum Type {
        FILE('0'),
        SYMLINK('2'),
        DIRECTORY('5');

        final char flag;

        Type(char flag) {
            this.flag = flag;
        }
    }

    private record Entry(
            Type type,
            int mode,
            int owner,
            byte @Nullable [] bytes,
            @Nullable Path source,
            @Nullable String linkTarget) {

        long size() throws IOException {
            if (bytes != null) {
                return bytes.length;
            }
            return source != null ? Files.size(source) : 0;
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    void directory(String path, int mode, int owner) {
        entries.put(normalize(path), new Entry(Type.DIRECTORY, mode, owner, null, null, null));
    }

    void file(String path, byte[] content, int mode) {
        entries.put(normalize(path), new Entry(Type.FILE, mode, ROOT, content.clone(), null, null));
    }

    void file(String path, String content, int mode) {
        file(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    void copy(String path, Path source, int mode) {
        entries.put(normalize(path), new Entry(Type.FILE, mode, ROOT, null, source, null));
    }

    void symlink(String path, String target) {
        entries.put(normalize(path), new Entry(Type.SYMLINK, 0777, ROOT, null, null, target));
    }

    boolean contains(String path) {
        return entries.containsKey(normalize(path));
    }

    void writeTo(OutputStream out) throws IOException {
        for (String path : Map.copyOf(entries).keySet()) {
            for (String parent = parentOf(path); parent != null; parent = parentOf(parent)) {
                entries.putIfAbsent(parent, new Entry(Type.DIRECTORY, 0755, ROOT, null, null, null));
            }
        }
        for (Map.Entry<String, Entry> each : entries.entrySet()) {
            write(out, each.getKey(), each.getValue());
        }
        // two empty blocks close a tar archive
        out.write(new byte[2 * BLOCK]);
    }

    private static void write(OutputStream out, String path, Entry entry) throws IOException {
        long size = entry.type() == Type.FILE ? entry.size() : 0;
        String name = entry.type() == Type.DIRECTORY ? path + "/" : path;
        out.write(header(name, entry, size));
        if (entry.type() != Type.FILE) {
            return;
        }
        long written;
        if (entry.bytes() != null) {
            out.write(entry.bytes());
            written = entry.bytes().length;
        } else {
            try (InputStream in = Files.newInputStream(entry.source())) {
                written = in.transferTo(out);
            }
        }
        if (written != size) {
            throw new IOException(path + " changed while it was being written");
        }
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
    }

    private static byte[] header(String name, Entry entry, long size) {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            put(header, 0, 100, nameBytes);
        } else {
            // ustar keeps a long path as a prefix (up to 155 bytes) and a name (up to 100), split at
            // a '/': the rightmost one whose prefix fits, leaving the shortest name
            int split = name.lastIndexOf('/', name.length() - 2);
            while (split > 0 && name.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155) {
                split = name.lastIndexOf('/', split - 1);
            }
            if (split <= 0 || name.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                throw new IllegalArgumentException("path too long for a ustar entry: " + name);
            }
            byte[] prefix = name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            put(header, 0, 100, name.substring(split + 1).getBytes(StandardCharsets.UTF_8));
            put(header, 345, 155, prefix);
        }
        octal(header, 100, 8, entry.mode());
        octal(header, 108, 8, entry.owner());
        octal(header, 116, 8, entry.owner());
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = (byte) entry.type().flag;
        if (entry.linkTarget() != null) {
            put(header, 157, 100, entry.linkTarget().getBytes(StandardCharsets.UTF_8));
        }
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        // the checksum is computed with its own field read as spaces
        Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        byte[] digits = String.format("%06o\0 ", checksum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, header, 148, 8);
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a ustar field: " + value);
        }
        put(header, offset, length, (digits + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        if (value.length > length) {
            throw new IllegalArgumentException("field too long: " + new String(value, StandardCharsets.UTF_8));
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }

    private static String normalize(String path) {
        String relative = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (relative.isEmpty() || Arrays.asList(relative.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a path inside an image: " + path);
        }
        return relative;
    }

    private static @Nullable String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash > 0 ? path.substring(0, slash) : null;
    }
}
