package chat.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.SampleFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileKindTests {

    @Test
    void everyAllowedFormatIsKnownByItsExtensionInAnyCase() {
        assertThat(FileKind.byName("photo.jpg")).contains(FileKind.JPEG);
        assertThat(FileKind.byName("photo.JPEG")).contains(FileKind.JPEG);
        assertThat(FileKind.byName("image.Png")).contains(FileKind.PNG);
        assertThat(FileKind.byName("anim.gif")).contains(FileKind.GIF);
        assertThat(FileKind.byName("image.webp")).contains(FileKind.WEBP);
        assertThat(FileKind.byName("clip.mp4")).contains(FileKind.MP4);
        assertThat(FileKind.byName("clip.MOV")).contains(FileKind.MOV);
        assertThat(FileKind.byName("photo.heic")).contains(FileKind.HEIC);
        assertThat(FileKind.byName("photo.avif")).contains(FileKind.AVIF);
    }

    @Test
    void onlyTheLastExtensionCounts() {
        assertThat(FileKind.byName("photo.png.html")).isEmpty();
        assertThat(FileKind.byName("page.html.png")).contains(FileKind.PNG);
    }

    @Test
    void refusesANameWithoutAnAllowedExtension() {
        assertThat(FileKind.byName("photo")).isEmpty();
        assertThat(FileKind.byName("photo.")).isEmpty();
        assertThat(FileKind.byName("script.svg")).isEmpty();
        assertThat(FileKind.byName("")).isEmpty();
    }

    @Test
    void eachSampleFileMatchesTheKindItsNameDeclares() {
        for (Map.Entry<String, byte[]> sample : SampleFiles.everyAllowedFormat().entrySet()) {
            FileKind declared = FileKind.byName(sample.getKey()).orElseThrow();
            assertThat(declared.matches(head(sample.getValue())))
                    .as(sample.getKey())
                    .isTrue();
        }
    }

    @Test
    void aFileOfOneFormatNamedAsAnotherIsRefused() {
        Map<String, byte[]> samples = SampleFiles.everyAllowedFormat();
        assertThat(FileKind.JPEG.matches(head(samples.get("image.png")))).isFalse();
        assertThat(FileKind.PNG.matches(head(samples.get("photo.jpg")))).isFalse();
        assertThat(FileKind.WEBP.matches(head(samples.get("anim.gif")))).isFalse();
        assertThat(FileKind.GIF.matches(head(samples.get("image.webp")))).isFalse();
        assertThat(FileKind.HEIC.matches(head(samples.get("clip.mp4")))).isFalse();
        assertThat(FileKind.MP4.matches(head(samples.get("photo.heic")))).isFalse();
        assertThat(FileKind.MOV.matches(head(samples.get("clip.mp4")))).isFalse();
        assertThat(FileKind.AVIF.matches(head(samples.get("photo.heic")))).isFalse();
    }

    @Test
    void aFileNamedAsAnImageThatDoesNotStartLikeOneIsRefused() {
        byte[] html = head(SampleFiles.html());
        for (FileKind kind : FileKind.values()) {
            assertThat(kind.matches(html)).as(kind.name()).isFalse();
        }
    }

    @Test
    void aFileShorterThanItsSignatureIsNotThatFormat() {
        assertThat(FileKind.PNG.matches(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .isFalse();
        assertThat(FileKind.JPEG.matches(new byte[] {(byte) 0xFF, (byte) 0xD8})).isFalse();
        assertThat(FileKind.WEBP.matches(ascii("RIFF"))).isFalse();
        assertThat(FileKind.MP4.matches(new byte[0])).isFalse();
    }

    @Test
    void aGifIsEitherOfItsTwoVersions() {
        assertThat(FileKind.GIF.matches(ascii("GIF87a...."))).isTrue();
        assertThat(FileKind.GIF.matches(ascii("GIF89a...."))).isTrue();
        assertThat(FileKind.GIF.matches(ascii("GIF90a...."))).isFalse();
    }

    @Test
    void aWebpIsARiffFileOfTypeWebpNotAnyRiff() {
        assertThat(FileKind.WEBP.matches(ascii("RIFF\0\0\0\0WEBPVP8 "))).isTrue();
        assertThat(FileKind.WEBP.matches(ascii("RIFF\0\0\0\0WAVEfmt "))).isFalse();
    }

    @Test
    void anIsoMediaFileIsKnownByACompatibleBrandNotOnlyItsMajorBrand() {
        byte[] mp4WithOtherMajor = ftyp("XXXX", "mp42");
        assertThat(FileKind.MP4.matches(mp4WithOtherMajor)).isTrue();
        assertThat(FileKind.HEIC.matches(mp4WithOtherMajor)).isFalse();
    }

    @Test
    void brandsAfterTheFtypBoxDoNotCount() {
        // the ftyp box ends after its major brand; "avif" follows in the next box
        byte[] head = ftyp("XXXX");
        byte[] longer = Arrays.copyOf(head, head.length + 4);
        System.arraycopy(ascii("avif"), 0, longer, head.length, 4);
        assertThat(FileKind.AVIF.matches(longer)).isFalse();
    }

    @Test
    void anOldQuickTimeFileMayStartWithAnAtomOtherThanFtyp() {
        assertThat(FileKind.MOV.matches(ascii("\0\0\0\bmoov"))).isTrue();
        assertThat(FileKind.MOV.matches(ascii("\0\0\0\bwide"))).isTrue();
        assertThat(FileKind.MOV.matches(ascii("\0\0\0\bjunk"))).isFalse();
        assertThat(FileKind.MP4.matches(ascii("\0\0\0\bmoov"))).isFalse();
    }

    @Test
    void theStoredTypeAndNameComeFromTheKindNotTheClient() {
        assertThat(FileKind.JPEG.contentType()).isEqualTo("image/jpeg");
        assertThat(FileKind.JPEG.extension()).isEqualTo("jpg");
        assertThat(FileKind.MOV.contentType()).isEqualTo("video/quicktime");
        assertThat(FileKind.HEIC.contentType()).isEqualTo("image/heic");
    }

    @Test
    void theListOfAllowedExtensionsNamesEveryKnownExtension() {
        for (String extension : FileKind.allowedExtensions().split(", ")) {
            assertThat(FileKind.byName("a" + extension)).as(extension).isPresent();
        }
        for (FileKind kind : FileKind.values()) {
            assertThat(FileKind.allowedExtensions()).contains("." + kind.extension());
        }
    }

    private static byte[] head(byte[] file) {
        return Arrays.copyOf(file, Math.min(file.length, FileKind.HEAD_BYTES));
    }

    /** An {@code ftyp} box with a major brand and compatible brands, as its size says. */
    private static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        byte[] box = new byte[size];
        box[3] = (byte) size;
        System.arraycopy(ascii("ftyp"), 0, box, 4, 4);
        System.arraycopy(ascii(major), 0, box, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(ascii(compatible[i]), 0, box, 16 + 4 * i, 4);
        }
        return box;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
