package chat.common.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import chat.common.security.ChatJwt;
import chat.common.security.ServletSecurityAutoConfiguration;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Every error a servlet service can produce carries the body of spec B.4. */
@WebMvcTest(controllers = ErrorBodyTests.Probe.class)
@Import(ErrorBodyTests.Probe.class)
@ImportAutoConfiguration({
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    ServletSecurityAutoConfiguration.class,
    ServletErrorAutoConfiguration.class
})
@TestPropertySource(
        properties = {
            "chat.security.issuer=http://issuer.test/realms/chat",
            "chat.security.jwk-set-uri=http://issuer.test/certs"
        })
class ErrorBodyTests {

    @Autowired
    MockMvc mvc;

    @Test
    void refusesAMissingTokenWith401() throws Exception {
        mvc.perform(get("/probe/1"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("Authentication credentials were not provided."));
    }

    @Test
    void saysWhichFieldHasTheWrongType() throws Exception {
        mvc.perform(post("/probe")
                        .with(user())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": \"hi\", \"recipient_id\": \"two\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'recipient_id' must be an integer."))
                .andExpect(jsonPath("$.errors.recipient_id[0]").value("must be an integer."));
    }

    @Test
    void refusesMalformedJson() throws Exception {
        mvc.perform(post("/probe")
                        .with(user())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
    }

    @Test
    void listsValidationErrorsByTheirJsonFieldNames() throws Exception {
        mvc.perform(post("/probe")
                        .with(user())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": \" \", \"recipient_id\": 2}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.content[0]").exists())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void answersWrongMethodsAndMediaTypesAndUnknownPaths() throws Exception {
        mvc.perform(delete("/probe").with(user()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.detail").isNotEmpty());
        mvc.perform(post("/probe")
                        .with(user())
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("hi"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").isNotEmpty());
        mvc.perform(get("/nowhere").with(user()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Not found."));
    }

    @Test
    void hidesTheCauseOfAnUnexpectedFailure() throws Exception {
        mvc.perform(get("/probe/fail").with(user()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."));
    }

    @Test
    void treatsANonNumericIdInThePathAsNotFound() throws Exception {
        mvc.perform(get("/probe/abc").with(user())).andExpect(status().isNotFound());
    }

    @Test
    void refusesAnEndUserOnAnInternalPathWith403() throws Exception {
        mvc.perform(get("/internal/anything").with(user()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("You do not have permission to perform this action."));
    }

    /** An end user's token, with the authorities the services grant it. */
    private static JwtRequestPostProcessor user() {
        return jwt().jwt(token -> token.claim("user_id", 1L))
                .authorities(new SimpleGrantedAuthority(ChatJwt.USER_AUTHORITY));
    }

    record ProbeRequest(
            @NotBlank String content,
            @JsonProperty("recipient_id") Long recipientId) {}

    @RestController
    static class Probe {

        @PostMapping("/probe")
        String create(@Valid @RequestBody ProbeRequest request) {
            return "ok";
        }

        @GetMapping("/probe/fail")
        String fail() {
            throw new IllegalStateException("database password is hunter2");
        }

        @GetMapping("/probe/{id}")
        String one(@PathVariable long id) {
            return "ok";
        }
    }

    @SpringBootApplication
    static class App {}
}
