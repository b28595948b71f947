package chat.attachment.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The formats a message may carry (spec A.3.3), each recognised by its name's extension
 * (case-insensitive) and by its leading bytes, which must agree: a file named {@code .png} that
 * does not start like a PNG is refused (spec B.11). The content type stored with the object comes
 * from here, never from the client.
 */
public enum FileKind {
    JPEG("image/jpeg", Set.of("jpg", "jpeg")) {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0xFF, 0xD8, 0xFF);
        }
    },
    PNG("image/png", Set.of("png")) {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        }
    },
    GIF("image/gif", Set.of("gif")) {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a");
        }
    },
    WEBP("image/webp", Set.of("webp")) {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP");
        }
    },
    MP4("video/mp4", Set.of("mp4")) {
        @Override
        boolean matches(byte[] head) {
            return hasBrand(
                    head, Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V "));
        }
    },
    MOV("video/quicktime", Set.of("mov")) {
        @Override
        boolean matches(byte[] head) {
            // old QuickTime files start with an atom other than ftyp
            return hasBrand(head, Set.of("qt  "))
                    || Set.of("moov", "mdat", "wide", "free", "skip").contains(ascii(head, 4, 4));
        }
    },
    HEIC("image/heic", Set.of("heic")) {
        @Override
        boolean matches(byte[] head) {
            return hasBrand(head, Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"));
        }
    },
    AVIF("image/avif", Set.of("avif")) {
        @Override
        boolean matches(byte[] head) {
            return hasBrand(head, Set.of("avif", "avis"));
        }
    };

    /** Enough for every signature, and for the brands of an ISO-BMFF {@code ftyp} box. */
    public static final int HEAD_BYTES = 64;

    private final String contentType;
    private final Set<String> extensions;

    FileKind(String contentType, Set<String> extensions) {
        this.contentType = contentType;
        this.extensions = extensions;
    }

    abstract boolean matches(byte[] head);

    public String contentType() {
        return contentType;
    }

    /** The canonical extension, for the stored object's file name. */
    public String extension() {
        return this == JPEG ? "jpg" : extensions.iterator().next();
    }

    public static Optional<FileKind> byName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.extensions.contains(extension))
                .findFirst();
    }

    public static String allowedExtensions() {
        return ".jpg, .jpeg, .png, .mp4, .mov, .webp, .gif, .heic, .avif";
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int from, int length) {
        return head.length < from + length ? "" : new String(head, from, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the leading {@code ftyp} box names one of {@code brands} as its major brand or among
     * its compatible brands.
     */
    private static boolean hasBrand(byte[] head, Set<String> brands) {
        if (!ascii(head, 4, 4).equals("ftyp")) {
            return false;
        }
        int boxSize = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = Math.min(head.length, boxSize < 16 ? 16 : boxSize);
        if (brands.contains(ascii(head, 8, 4))) {
            return true;
        }
        for (int at = 16; at + 4 <= end; at += 4) {
            if (brands.contains(ascii(head, at, 4))) {
                return true;
            }
        }
        return false;
    }
}
