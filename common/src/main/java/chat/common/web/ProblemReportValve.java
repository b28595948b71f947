package chat.common.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat's error report, as the problem body of spec B.4 instead of Tomcat's HTML page. It answers
 * what Tomcat refuses before any servlet sees the request (a request line with characters that
 * must be percent-encoded, a header Tomcat cannot parse) and any error status that reaches it
 * without a body; everything Spring answers already carries its own body and is left alone.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        byte[] body = ProblemWriter.body(HttpStatusCode.valueOf(status), detail(status));
        try {
            response.resetBuffer();
            response.setContentType(ProblemWriter.CONTENT_TYPE);
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response was committed meanwhile: nothing left to tell
        }
    }

    /** What the client should fix; the request itself is not echoed back. */
    static String detail(int status) {
        return switch (status) {
            case 400 ->
                "The request line or a header is malformed: characters such as spaces, quotes, '<', '>', '{', '}',"
                        + " '|', '\\' or '^' must be percent-encoded in the path and the query.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            default -> Problems.defaultDetail(HttpStatusCode.valueOf(status));
        };
    }
}
