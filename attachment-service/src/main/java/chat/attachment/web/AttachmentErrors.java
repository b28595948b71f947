package chat.attachment.web;

import chat.attachment.messages.MessagesUnavailable;
import chat.attachment.upload.AttachmentMetrics;
import chat.attachment.upload.AttachmentMetrics.Refusal;
import chat.attachment.upload.FileTooLarge;
import chat.attachment.upload.MessageIsDeleted;
import chat.attachment.upload.MessageNotFound;
import chat.attachment.upload.NotMessageSender;
import chat.attachment.upload.TooManyAttachments;
import chat.attachment.upload.UnsupportedFile;
import chat.attachment.upload.UploadTooSlow;
import chat.common.web.Problems;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This service's facts as statuses: unseen is 404 (spec B.5), not yours 403, a bad file 400. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AttachmentErrors {

    private final AttachmentMetrics metrics;

    AttachmentErrors(AttachmentMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(MessageNotFound.class)
    ResponseEntity<ProblemDetail> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null));
    }

    @ExceptionHandler(NotMessageSender.class)
    ResponseEntity<ProblemDetail> forbidden(NotMessageSender e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(MessageIsDeleted.class)
    ResponseEntity<ProblemDetail> deleted(MessageIsDeleted e) {
        metrics.refused(Refusal.MESSAGE_DELETED);
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler({UnsupportedFile.class, FileTooLarge.class, TooManyAttachments.class})
    ResponseEntity<ProblemDetail> badFile(Exception e) {
        metrics.refused(
                switch (e) {
                    case FileTooLarge tooLarge -> Refusal.TOO_LARGE;
                    case TooManyAttachments tooMany -> Refusal.TOO_MANY;
                    default -> Refusal.UNSUPPORTED_TYPE;
                });
        return ResponseEntity.badRequest()
                .body(Problems.invalid(e.getMessage(), Map.of(AttachmentController.FIELD, List.of(e.getMessage()))));
    }

    @ExceptionHandler(UploadTooSlow.class)
    ResponseEntity<ProblemDetail> tooSlow(UploadTooSlow e) {
        metrics.refused(Refusal.TIME_LIMIT);
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                .body(Problems.of(HttpStatus.REQUEST_TIMEOUT, e.getMessage()));
    }

    @ExceptionHandler(FileUploadException.class)
    ResponseEntity<ProblemDetail> unreadable(FileUploadException e) {
        metrics.refused(Refusal.INVALID);
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "The multipart body could not be read: " + e.getMessage()));
    }

    @ExceptionHandler(MessagesUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(MessagesUnavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
