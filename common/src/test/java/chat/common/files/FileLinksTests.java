package chat.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileLinksTests {

    final FileLinks links = new FileLinks(new S3Settings(
            URI.create("http://store.internal:9000"),
            URI.create("https://files.example"),
            "key",
            "secret",
            "us-east-1",
            "chat-attachments",
            Duration.ofMinutes(15)));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/png       | inline; filename=\"attachment.png\"",
                "image/jpeg      | inline; filename=\"attachment.jpg\"",
                "video/quicktime | inline; filename=\"attachment.mov\"",
                "video/mp4       | inline; filename=\"attachment.mp4\"",
                "image/svg+xml   | attachment; filename=\"attachment.svg\"",
                "text/html       | attachment; filename=\"attachment.html\"",
                "application/pdf | attachment; filename=\"attachment.pdf\"",
                "nonsense        | attachment; filename=\"attachment\""
            })
    void showsPicturesAndVideosInlineAndDownloadsEverythingElse(String type, String disposition) {
        assertThat(FileLinks.disposition(type)).isEqualTo(disposition);
    }

    @Test
    void signsTheTypeAndDispositionIntoTheLink() {
        URI link = URI.create(links.link("m/1/abc", "text/html"));
        Map<String, String> query = query(link);
        assertThat(link.getHost()).isEqualTo("files.example");
        assertThat(query)
                .containsEntry("response-content-type", "text/html")
                .containsEntry("response-content-disposition", "attachment; filename=\"attachment.html\"")
                .containsKey("X-Amz-Signature");
    }

    @Test
    void aLinkWithoutATypeLeavesTheStoredHeadersAlone() {
        assertThat(query(URI.create(links.link("m/1/abc"))))
                .doesNotContainKeys("response-content-type", "response-content-disposition")
                .containsKey("X-Amz-Signature");
    }

    private static Map<String, String> query(URI link) {
        return Arrays.stream(link.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
