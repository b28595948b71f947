package chat.common.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import chat.common.security.ChatJwt;
import chat.common.security.ServletSecurityAutoConfiguration;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A database out of reach is answered 503 with a detail, through the servlet error handling. */
@WebMvcTest(controllers = StoreUnavailableMappingTests.Probe.class)
@Import(StoreUnavailableMappingTests.Probe.class)
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
class StoreUnavailableMappingTests {

    @Autowired
    MockMvc mvc;

    @Test
    void answers503WhenNoTransactionCanBeOpened() throws Exception {
        mvc.perform(get("/probe/no-transaction").with(user()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value(ServletErrorHandling.STORE_UNAVAILABLE));
    }

    @Test
    void answers503WhenNoConnectionCanBeHad() throws Exception {
        mvc.perform(get("/probe/no-connection").with(user()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value(ServletErrorHandling.STORE_UNAVAILABLE));
    }

    @Test
    void answers503WhenTheServerShutsDownUnderACommit() throws Exception {
        mvc.perform(get("/probe/shutdown").with(user()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value(ServletErrorHandling.STORE_UNAVAILABLE));
    }

    @Test
    void answers503WhenTheRollbackFindsTheConnectionClosed() throws Exception {
        mvc.perform(get("/probe/rollback").with(user()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value(ServletErrorHandling.STORE_UNAVAILABLE));
    }

    @Test
    void keepsOtherDataAccessFailuresA500WithoutTheirCause() throws Exception {
        mvc.perform(get("/probe/constraint").with(user()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."));
    }

    private static JwtRequestPostProcessor user() {
        return jwt().jwt(token -> token.claim("user_id", 1L))
                .authorities(new SimpleGrantedAuthority(ChatJwt.USER_AUTHORITY));
    }

    @RestController
    static class Probe {

        @GetMapping("/probe/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException(
                    "Could not open JPA EntityManager for transaction", StoreUnavailableTests.poolTimedOut());
        }

        @GetMapping("/probe/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection", StoreUnavailableTests.poolTimedOut());
        }

        @GetMapping("/probe/shutdown")
        String shutdown() {
            throw new TransactionSystemException(
                    "Could not commit JDBC transaction",
                    new SQLException("terminating connection due to administrator command", "57P01"));
        }

        @GetMapping("/probe/rollback")
        String rollback() {
            // what Spring's JPA translation throws: its JpaSystemException is an uncategorized one
            throw new UncategorizedDataAccessException(
                    "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")) {};
        }

        @GetMapping("/probe/constraint")
        String constraint() {
            throw new DataIntegrityViolationException(
                    "duplicate key", new SQLException("duplicate key value violates unique constraint", "23505"));
        }
    }
}
