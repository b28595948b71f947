package chat.common.web;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every exception a servlet service raises into the error body of spec B.4. Services add
 * their own advice for their fact-exceptions; this one is the floor under them.
 */
@RestControllerAdvice
public class ServletErrorHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletErrorHandling.class);
    static final String STORE_UNAVAILABLE = "The service cannot reach its database right now; try again shortly.";

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(unreadableBody(ex));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.computeIfAbsent(Problems.jsonName(error.getField()), f -> new java.util.ArrayList<>())
                    .add(error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.computeIfAbsent("non_field_errors", f -> new java.util.ArrayList<>())
                        .add(String.valueOf(error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.invalid(InvalidRequest.summary(errors), errors));
    }

    /** Spring's own detail names the path it looked for as a static resource: not the client's concern. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
            // /api/conversations/abc/ names no resource, as an unknown id does not
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null));
        }
        String name = Problems.jsonName(ex.getName());
        String message = "must be a valid " + simpleType(ex.getRequiredType()) + ".";
        return ResponseEntity.badRequest()
                .body(Problems.invalid("'" + name + "' " + message, Map.of(name, List.of(message))));
    }

    /**
     * A body sent as multipart that cannot be parsed as such: Spring parses any multipart request
     * before choosing its handler, so this reaches endpoints that take JSON too.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "The multipart body could not be read."));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest ex) {
        return ResponseEntity.badRequest().body(Problems.invalid(ex.getMessage(), ex.errors()));
    }

    /**
     * Names the type the endpoint takes: a wildcard type, a form or anything else a client may send
     * instead of JSON is the client's to fix.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .headers(headers)
                .body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupportedMediaType(ex)));
    }

    static String unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
        String sent = ex.getContentType() == null ? "" : "'" + ex.getContentType() + "' ";
        List<MediaType> supported = ex.getSupportedMediaTypes();
        if (supported.isEmpty()) {
            return "The Content-Type " + sent + "is not supported here.";
        }
        return "The Content-Type " + sent + "is not supported here; send the body as "
                + String.join(
                        " or ", supported.stream().map(MediaType::toString).toList()) + ".";
    }

    /**
     * The database out of reach (stopped, restarting, or no pooled connection free within the
     * pool's connection timeout) is answered 503, which a client may retry; any other data access
     * failure stays a 500.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, SQLException.class})
    ResponseEntity<ProblemDetail> storeFailure(Exception ex) {
        if (!StoreUnavailable.is(ex)) {
            return unexpected(ex);
        }
        log.warn("Database unavailable: {}", ex.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (badEncoding(ex)) {
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, BAD_ENCODING));
        }
        log.error("Unexpected error", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred."));
    }

    /** Spring's own problem bodies for 404, 405, 415 and the like, with a readable detail. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : Problems.of(status, null);
        if (problem.getDetail() == null || problem.getDetail().isBlank()) {
            problem.setDetail(Problems.defaultDetail(status));
        }
        return new ResponseEntity<>(problem, headers, status);
    }

    static final String BAD_ENCODING =
            "The query string or form body is not correctly percent-encoded ('%' must be followed by two hex digits).";

    /**
     * Tomcat's refusal of a query string or form body it cannot decode ({@code ?a=%zz}), raised
     * when something first asks for the parameters. Matched by name: the class is Tomcat's.
     */
    static boolean badEncoding(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            String message = mismatch.getTargetType() == null
                    ? "has the wrong type."
                    : "must be " + article(simpleType(mismatch.getTargetType())) + ".";
            return Problems.invalid("'" + field + "' " + message, Map.of(field, List.of(message)));
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = fieldPath(databind);
            return Problems.invalid(
                    "'" + field + "' has an invalid value.", Map.of(field, List.of("has an invalid value.")));
        }
        if (cause instanceof JacksonException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "The request body is missing or unreadable.");
    }

    private static String fieldPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "non_field_errors" : path.toString();
    }

    private static String simpleType(@Nullable Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        return "object";
    }

    private static String article(String word) {
        return (word.startsWith("i") || word.startsWith("o") ? "an " : "a ") + word;
    }
}
