package chat.deploy.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image archive as {@code docker save} writes it and {@code docker load} reads it: a tar of
 * {@code manifest.json}, the configuration and one tar per layer. Only what the checks read is
 * implemented: the entries of a ustar archive and where each one's bytes are.
 */
final class ImageArchive {

    private static final int BLOCK = 512;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Entry(long offset, long size) {}

    private final Path file;
    private final Map<String, Entry> entries;

    private ImageArchive(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static ImageArchive open(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            byte[] header = new byte[BLOCK];
            while (position + BLOCK <= channel.size()) {
                var buffer = java.nio.ByteBuffer.wrap(header);
                channel.read(buffer, position);
                if (header[0] == 0) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).strip(), 8);
                char type = (char) header[156];
                if (type == '0' || type == 0) {
                    entries.put(name, new Entry(position + BLOCK, size));
                }
                position += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
            }
        }
        return new ImageArchive(file, entries);
    }

    ManifestEntry manifest() throws IOException {
        ManifestEntry[] manifest = JSON.readValue(bytes("manifest.json"), ManifestEntry[].class);
        if (manifest.length != 1) {
            throw new IllegalStateException(file + " holds " + manifest.length + " images, not one");
        }
        return manifest[0];
    }

    ImageConfig config() throws IOException {
        return JSON.readValue(bytes(manifest().config()), ImageConfig.class);
    }

    byte[] bytes(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    void copy(String name, Path target) throws IOException {
        try (InputStream in = open(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private InputStream open(String name) throws IOException {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(file + " has no entry " + name + "; it has " + entries.keySet());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(entry.offset());
        return new java.io.FilterInputStream(Channels.newInputStream(channel)) {
            private long left = entry.size();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read(buffer, offset, (int) Math.min(length, left));
                if (read > 0) {
                    left -= read;
                }
                return read;
            }
        };
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
