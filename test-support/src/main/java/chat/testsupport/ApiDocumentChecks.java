package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * That a service's OpenAPI document and the service agree (the gateway serves the documents merged
 * as the API's): it is served without a token as OpenAPI 3.1; it lists exactly the public
 * operations the service maps, by method and path; every operation, called for real, answers only
 * documented statuses with bodies of exactly the documented fields; and its examples follow its
 * schemas. A service's test extends this class and calls each of its operations in
 * {@link #exercise}, successes and refusals alike.
 */
@ServiceIntegrationTest
public abstract class ApiDocumentChecks {

    /** Where every service serves its document (chat.common.openapi). */
    public static final String DOCUMENT = "/v3/api-docs";

    @LocalServerPort
    protected int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * Calls every operation of the service at least once with success and, where it can be caused,
     * with each documented refusal; each answer is checked as it comes.
     */
    protected abstract void exercise(DocumentedCalls api) throws Exception;

    protected URI base() {
        return URI.create("http://localhost:" + port);
    }

    protected ApiDocument document() throws Exception {
        return ApiDocument.fetch(base().resolve(DOCUMENT));
    }

    @Test
    void servesItsDocumentAsOpenApi31WithoutAToken() throws Exception {
        ApiDocument document = document();
        assertThat(document.json().path("openapi").asString()).startsWith("3.1.");
        assertThat(document.operations()).isNotEmpty();
        assertThat(document.json()
                        .path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
    }

    @Test
    void documentsExactlyThePublicOperationsItServes() throws Exception {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> {
            Set<String> paths = mapping.getPatternValues();
            mapping.getMethodsCondition()
                    .getMethods()
                    .forEach(method -> paths.stream()
                            .filter(path -> path.startsWith("/api/"))
                            // each path is served with and without its trailing slash (spec B.1)
                            .map(path -> path.endsWith("/") ? path : path + "/")
                            .forEach(path -> served.add(method.name() + " " + path)));
        });
        assertThat(document().operations()).isEqualTo(served);
    }

    @Test
    void answersEveryDocumentedOperationAsDocumented() throws Exception {
        DocumentedCalls api = new DocumentedCalls(base(), document());
        exercise(api);
        assertThat(api.neverSucceeded())
                .as("documented operations the test never saw succeed")
                .isEmpty();
    }

    @Test
    void followsItsSchemasInItsExamples() throws Exception {
        ApiDocument document = document();
        assertThat(document.json().toString()).contains("\"example");
        assertThat(document.exampleDisagreements()).isEmpty();
    }
}
