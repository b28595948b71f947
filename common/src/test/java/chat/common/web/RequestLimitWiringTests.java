package chat.common.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import chat.common.security.ServletSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The limit is in front of every servlet service's requests, security included: with no place
 * free, a request without a token is shed with the API's error body, not refused with 401.
 */
@WebMvcTest(controllers = RequestLimitWiringTests.Probe.class)
@Import(RequestLimitWiringTests.Probe.class)
@ImportAutoConfiguration({
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    ServletSecurityAutoConfiguration.class,
    RequestLimitAutoConfiguration.class
})
@TestPropertySource(
        properties = {
            "chat.security.issuer=http://issuer.test/realms/chat",
            "chat.security.jwk-set-uri=http://issuer.test/certs",
            "chat.web.max-requests=0",
            "chat.web.max-requests-wait=10ms"
        })
class RequestLimitWiringTests {

    @Autowired
    MockMvc mvc;

    @Test
    void shedsWhatFindsNoPlaceWithA503AndADetail() throws Exception {
        mvc.perform(get("/probe"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.detail").value("The service is busy with 0 requests; try again in a moment."));
    }

    @RestController
    static class Probe {
        @GetMapping("/probe")
        String probe() {
            return "ok";
        }
    }
}
