package chat.attachment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class MultipartLimitsTests {

    static final String BOUNDARY = "----part";

    @Test
    void aFileNameOf255CharactersInAnyScriptGetsThrough() throws Exception {
        String name = "写".repeat(251) + ".png";
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(512);
        FileItemInputIterator parts = AttachmentController.parser().getItemIterator(request(fileHeaders(name)));
        FileItemInput part = parts.next();
        assertThat(part.getName()).isEqualTo(name);
        assertThat(part.getInputStream().readAllBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void partHeadersLongerThanTheLimitAreRefusedBeforeTheyAreKept() {
        String headers =
                fileHeaders("a.png") + "X-Padding: " + "x".repeat(AttachmentController.MAX_PART_HEADER_BYTES) + "\r\n";
        assertThatExceptionOfType(FileUploadException.class)
                .isThrownBy(() -> AttachmentController.parser()
                        .getItemIterator(request(headers))
                        .next());
    }

    @Test
    void partHeadersJustWithinTheLimitAreRead() throws Exception {
        String start = fileHeaders("a.png") + "X-Padding: ";
        // the headers end with the blank line after the last one
        int room = AttachmentController.MAX_PART_HEADER_BYTES - start.length() - 4;
        String headers = start + "x".repeat(room) + "\r\n";
        assertThat(AttachmentController.parser()
                        .getItemIterator(request(headers))
                        .next()
                        .getName())
                .isEqualTo("a.png");
    }

    private static String fileHeaders(String fileName) {
        return "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: image/png\r\n";
    }

    private static MockHttpServletRequest request(String partHeaders) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\n" + partHeaders + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] {1, 2, 3});
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        MockHttpServletRequest request =
                new MockHttpServletRequest("POST", "/api/conversations/1/messages/1/attachments/");
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        request.setContent(body.toByteArray());
        return request;
    }
}
