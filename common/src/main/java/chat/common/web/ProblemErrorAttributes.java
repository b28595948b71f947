package chat.common.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Reshapes Spring Boot's error attributes (what {@code /error} and the reactive error handler
 * render) into the problem body of spec B.4, for errors raised outside any controller: unknown
 * paths, failures in filters, the gateway's own refusals.
 */
final class ProblemErrorAttributes {

    private ProblemErrorAttributes() {}

    static Map<String, Object> reshape(Map<String, Object> boot) {
        int status = boot.get("status") instanceof Integer s ? s : 500;
        HttpStatus known = HttpStatus.resolve(status);
        Object message = boot.get("message");
        String detail = status == 404 || status >= 500 || !(message instanceof String text) || text.isBlank()
                // 404s and server failures say nothing about internals; others keep their reason
                ? Problems.defaultDetail(HttpStatus.valueOf(status))
                : text;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known != null ? known.getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        if (boot.get("path") != null) {
            body.put("instance", boot.get("path"));
        }
        return body;
    }
}
