package chat.common.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a problem body as bytes, for the places that answer before any message converter runs
 * (Spring Security's entry points and access-denied handlers, servlet and reactive).
 */
public final class ProblemWriter {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {}

    public static byte[] body(HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known != null ? known.getReasonPhrase() : "Error");
        body.put("status", status.value());
        body.put("detail", detail);
        return JSON.writeValueAsBytes(body);
    }
}
