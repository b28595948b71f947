package chat.testsupport;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Files of every allowed attachment format: real images drawn and encoded by the JDK for JPEG,
 * PNG and GIF, and well-formed ISO-BMFF / RIFF headers (the part a server can check) for the
 * formats the JDK cannot encode.
 */
public final class SampleFiles {

    private SampleFiles() {}

    /** One file per allowed extension. */
    public static Map<String, byte[]> everyAllowedFormat() {
        return Map.of(
                "photo.jpg", image("jpg"),
                "photo.JPEG", image("jpg"),
                "image.png", image("png"),
                "anim.gif", image("gif"),
                "image.webp", riff("WEBP", 256),
                "clip.mp4", ftyp("isom", 2048, "isom", "iso2", "avc1", "mp41"),
                "clip.MOV", ftyp("qt  ", 2048, "qt  "),
                "photo.heic", ftyp("heic", 1024, "mif1", "heic"),
                "photo.avif", ftyp("avif", 1024, "avif", "mif1", "miaf"));
    }

    public static byte[] png() {
        return image("png");
    }

    /** A PNG signature followed by filler, exactly {@code size} bytes. */
    public static byte[] pngOfSize(int size) {
        byte[] file = new byte[size];
        byte[] header = image("png");
        System.arraycopy(header, 0, file, 0, Math.min(header.length, size));
        Arrays.fill(file, Math.min(header.length, size), size, (byte) 7);
        return file;
    }

    public static byte[] html() {
        return "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] image(String format) {
        BufferedImage picture = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                picture.setRGB(x, y, new Color(x * 16, y * 16, 128).getRGB());
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(picture, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ISO-BMFF file: an {@code ftyp} box with the brands, then an empty {@code mdat} box. */
    private static byte[] ftyp(String major, int size, String... compatible) {
        int ftypSize = 16 + 4 * compatible.length;
        ByteBuffer file = ByteBuffer.allocate(Math.max(size, ftypSize + 8));
        file.putInt(ftypSize).put(ascii("ftyp")).put(ascii(major)).putInt(0);
        for (String brand : compatible) {
            file.put(ascii(brand));
        }
        file.putInt(file.capacity() - ftypSize).put(ascii("mdat"));
        return file.array();
    }

    /** A RIFF container of the given form type ({@code WEBP}) with a VP8L chunk header. */
    private static byte[] riff(String form, int size) {
        ByteBuffer file = ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        file.put(ascii("RIFF"))
                .putInt(size - 8)
                .put(ascii(form))
                .put(ascii("VP8L"))
                .putInt(size - 20);
        return file.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
