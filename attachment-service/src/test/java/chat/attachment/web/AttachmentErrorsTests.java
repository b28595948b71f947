package chat.attachment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import chat.attachment.upload.AttachmentMetrics;
import chat.attachment.upload.UploadTooSlow;
import chat.common.security.ServletSecurityAutoConfiguration;
import chat.common.web.ServletErrorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An upload that runs out of time is the client's to retry: 408 with a detail, not a 500; and it
 * is counted as refused for its reason.
 */
@WebMvcTest(controllers = AttachmentErrorsTests.SlowUploads.class)
@Import({
    AttachmentErrorsTests.SlowUploads.class,
    AttachmentErrors.class,
    AttachmentMetrics.class,
    SimpleMeterRegistry.class
})
@ImportAutoConfiguration({
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    ServletSecurityAutoConfiguration.class,
    ServletErrorAutoConfiguration.class
})
// who may upload is not the question here; the integration tests cover it with real tokens
@AutoConfigureMockMvc(addFilters = false)
@TestPropertySource(
        properties = {
            "chat.security.issuer=http://issuer.test/realms/chat",
            "chat.security.jwk-set-uri=http://issuer.test/certs"
        })
class AttachmentErrorsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Test
    void answersAnUploadThatRanOutOfTimeWith408AndADetail() throws Exception {
        mvc.perform(post("/slow"))
                .andExpect(status().isRequestTimeout())
                .andExpect(jsonPath("$.detail").value(new UploadTooSlow().getMessage()));
        assertThat(meters.get("chat.attachments.refused")
                        .tag("reason", "time_limit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("chat.attachments.refused")
                        .tag("reason", "too_large")
                        .counter()
                        .count())
                .isZero();
    }

    @RestController
    static class SlowUploads {

        @PostMapping("/slow")
        void upload() throws UploadTooSlow {
            throw new UploadTooSlow();
        }
    }
}
