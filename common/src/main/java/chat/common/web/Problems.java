package chat.common.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one error body of the API (spec B.4): RFC 9457 problem details whose {@code detail} the
 * frontend shows, plus {@code errors} (field name to messages) for validation failures.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail == null || detail.isBlank() ? defaultDetail(status) : detail);
        return problem;
    }

    public static ProblemDetail invalid(String detail, Map<String, List<String>> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A sentence for statuses raised without one, so that {@code detail} is never empty. */
    public static String defaultDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is invalid.";
            case 401 -> "Authentication credentials were not provided or are invalid.";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "Not found.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request body is too large.";
            case 415 -> "This media type is not supported here.";
            case 502, 503, 504 -> "The service is unavailable; try again shortly.";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known != null ? known.getReasonPhrase() + "." : "Unexpected error.";
            }
        };
    }

    /**
     * API fields are snake_case while Java names are camelCase; errors name the field the client
     * sent.
     */
    public static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
