package chat.common.openapi;

import chat.common.web.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.util.UriTemplate;

/**
 * The parts of a service's document that no controller should have to repeat: the bearer token
 * on every operation (spec B.2), the error body of spec B.4 on every error status, the statuses
 * every operation can answer (400, 401, 429 from the gateway's rate limits, 503; 404 where a path names a resource or a page is
 * asked for; 415 where a body is taken), canonical paths only (spec B.1: with the trailing slash,
 * though the controllers serve both), and the service as the operations' tag.
 * A status only some operations answer (403, say) is declared on the operation, without a body:
 * the body is added here.
 */
final class ApiConventions implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    private static final Map<Integer, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put(
                400,
                "The request is invalid: `detail` says what to fix; for a field's value, `errors` names the"
                        + " field (spec B.4).");
        ERRORS.put(401, "The token is missing, malformed, expired or not from the trusted issuer (spec B.2).");
        ERRORS.put(403, "The caller may see this resource but not do this to it (spec B.5).");
        ERRORS.put(404, "No such resource, or one the caller may not see (spec B.5).");
        ERRORS.put(408, "The request took too long to arrive.");
        ERRORS.put(415, "The body is not of the media type this operation takes.");
        ERRORS.put(
                429,
                "Over the caller's rate limit, answered by the gateway (spec B.18): `Retry-After` says"
                        + " when to try again; every answer carries `RateLimit-Limit`, `RateLimit-Remaining`"
                        + " and `RateLimit-Reset`.");
        ERRORS.put(503, "A database or service this operation needs is unavailable; try again shortly.");
    }

    private final String service;

    ApiConventions(String service) {
        this.service = service;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info()
                .title(service)
                .version("v1")
                .description("The part of the chat API that " + service + " serves; the gateway serves all of it"
                        + " merged at /api/docs."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token of the identity provider (spec A.1.2, B.2)."))
                .addSchemas(PROBLEM, problem()));
        api.security(List.of(new SecurityRequirement().addList(BEARER)));
        api.tags(List.of(new Tag().name(service)));
        Paths paths = api.getPaths() == null ? new Paths() : api.getPaths();
        api.paths(canonical(paths));
        paths.forEach((path, item) -> item.readOperations().forEach(operation -> conventions(path, operation)));
    }

    /** Each path once, as spec A.3 writes it: the served twin without the trailing slash is left out. */
    static Paths canonical(Paths paths) {
        Paths kept = new Paths();
        paths.forEach((path, item) -> {
            if (!paths.containsKey(path + "/")) {
                kept.addPathItem(path, item);
            }
        });
        return kept;
    }

    private void conventions(String path, Operation operation) {
        operation.setTags(List.of(service));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Integer> statuses = new java.util.ArrayList<>(List.of(400, 401, 429, 503));
        boolean namesAResource = !new UriTemplate(path).getVariableNames().isEmpty();
        boolean paged = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "page".equals(p.getName()));
        if (namesAResource || paged) {
            statuses.add(404);
        }
        if (operation.getRequestBody() != null) {
            statuses.add(415);
        }
        for (int status : statuses) {
            responses.computeIfAbsent(Integer.toString(status), code -> new ApiResponse());
        }
        responses.forEach((code, response) -> {
            int status = code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
            if (status >= 400) {
                problemBody(status, response);
            }
        });
        sortByStatus(responses);
    }

    private static void problemBody(int status, ApiResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(
                    ERRORS.getOrDefault(status, Problems.defaultDetail(HttpStatusCode.valueOf(status))));
        }
        // every error has the one error body, whatever type the operation answers on success
        response.setContent(new Content()
                .addMediaType(
                        PROBLEM_MEDIA_TYPE,
                        new MediaType()
                                .schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM))
                                .example(example(status))));
    }

    private static Map<String, Object> example(int status) {
        Map<String, Object> example = new LinkedHashMap<>();
        HttpStatus known = HttpStatus.resolve(status);
        example.put("type", "about:blank");
        example.put("title", known == null ? "Error" : known.getReasonPhrase());
        example.put("status", status);
        if (status == 400) {
            example.put("detail", "'content': This field may not be blank.");
            example.put("errors", Map.of("content", List.of("This field may not be blank.")));
        } else {
            example.put("detail", Problems.defaultDetail(HttpStatusCode.valueOf(status)));
        }
        return example;
    }

    private static void sortByStatus(ApiResponses responses) {
        Map<String, ApiResponse> sorted = new java.util.TreeMap<>(responses);
        responses.clear();
        responses.putAll(sorted);
    }

    /** RFC 9457 problem details, as every error of the API answers (spec B.4). */
    static Schema<?> problem() {
        Schema<?> problem = new JsonSchema()
                .types(Set.of("object"))
                .description("The error body of every error status (spec A.4, B.4): RFC 9457 problem details, whose"
                        + " `detail` is the sentence to show.")
                .addProperty(
                        "type",
                        new JsonSchema().types(Set.of("string")).description("Always about:blank: the status says it."))
                .addProperty(
                        "title", new JsonSchema().types(Set.of("string")).description("The status's reason phrase."))
                .addProperty("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status."))
                .addProperty(
                        "detail",
                        new JsonSchema().types(Set.of("string")).description("What went wrong, in a sentence."))
                .addProperty("instance", new JsonSchema().types(Set.of("string")))
                .addProperty(
                        "errors",
                        new JsonSchema()
                                .types(Set.of("object"))
                                .description("Validation errors only (400): each invalid field with its messages.")
                                .additionalProperties(new JsonSchema()
                                        .types(Set.of("array"))
                                        .items(new JsonSchema().types(Set.of("string")))));
        problem.setRequired(List.of("detail"));
        problem.setExample(Map.of("detail", "Error description."));
        return problem;
    }
}
