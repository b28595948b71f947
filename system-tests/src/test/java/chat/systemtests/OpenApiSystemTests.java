package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import chat.testsupport.ApiDocument;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The API's OpenAPI document as the gateway serves it, merged from the running services: served
 * without a token, OpenAPI 3.1, listing every operation of the spec, agreeing with what the API
 * answers through the gateway; and a Swagger UI beside it.
 */
@ExtendWith(SharedStack.class)
class OpenApiSystemTests {

    /** Every REST operation of spec chat-api.md: Part A.3, then the (ext) ones of Part B. */
    static final List<String> SPEC_OPERATIONS = List.of(
            "GET /api/conversations/",
            "GET /api/conversations/{id}/",
            "POST /api/messages/",
            "GET /api/conversations/{conversation_pk}/messages/",
            "GET /api/messages/{id}/",
            "PUT /api/messages/{id}/",
            "PATCH /api/messages/{id}/",
            "DELETE /api/messages/{id}/",
            "POST /api/conversations/{conversation_pk}/messages/{message_pk}/attachments/",
            // B.12
            "POST /api/conversations/{id}/read/",
            // B.15
            "POST /api/conversations/{id}/messages/",
            "GET /api/users/me/");

    static Api api;
    static ApiDocument document;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void fetch() throws Exception {
        api = new Api(SharedStack.get());
        document = ApiDocument.fetch(api.uri("/api/docs"));
    }

    @Test
    void servesTheMergedDocumentAsOpenApi31WithEveryOperationOfTheSpec() {
        JsonNode json = document.json();
        assertThat(json.path("openapi").asString()).startsWith("3.1.");
        assertThat(json.has("x-unavailable")).as("every service answered").isFalse();
        assertThat(shapes(document.operations())).containsAll(shapes(SPEC_OPERATIONS));
        // the local stack routes the development issuer, whose registration is documented too
        assertThat(document.operations()).contains("POST /dev/users/");
        assertThat(document.operations()).noneMatch(operation -> operation.contains("/internal"));
        assertThat(json.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(json.path("servers").findValuesAsString("url")).containsExactly("/");
    }

    @Test
    void holdsExamplesThatFollowTheirSchemas() {
        assertThat(document.exampleDisagreements()).isEmpty();
    }

    @Test
    void describesWhatTheGatewayAnswers() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        JsonNode sent = api.send(alice, bob, "hello");
        assertThat(agrees("POST", "/api/messages/", 201, sent)).isEmpty();
        String conversation = "/api/conversations/" + sent.path("conversation").asLong() + "/";
        for (String path : List.of(
                "/api/conversations/",
                conversation,
                conversation + "messages/",
                "/api/users/me/",
                "/api/messages/0/")) {
            Reply reply = api.get(path, bob);
            assertThat(agrees("GET", path, reply.status(), reply.body()))
                    .as("GET %s %d %s", path, reply.status(), reply.body())
                    .isEmpty();
        }
        Reply unauthenticated = api.get("/api/conversations/", null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(agrees("GET", "/api/conversations/", 401, unauthenticated.body()))
                .isEmpty();
    }

    @Test
    void servesSwaggerUiBesideTheDocument() throws Exception {
        HttpResponse<String> page = get("/api/docs/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(get("/api/docs/ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    private static List<String> agrees(String method, String path, int status, JsonNode body) {
        String type = status >= 400 ? "application/problem+json" : "application/json";
        return document.disagreements(method, path, status, type, body);
    }

    /** Operations with their path variables unnamed: the spec and the code name them differently. */
    private static Set<String> shapes(Iterable<String> operations) {
        Set<String> shapes = new TreeSet<>();
        operations.forEach(operation -> shapes.add(operation.replaceAll("\\{[^}]+}", "{}")));
        return shapes;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
