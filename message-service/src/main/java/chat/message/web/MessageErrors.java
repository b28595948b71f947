package chat.message.web;

import chat.common.web.Problems;
import chat.message.conversations.ConversationNotFound;
import chat.message.conversations.ConversationUnavailable;
import chat.message.conversations.NotAParticipant;
import chat.message.messages.MessageDeleted;
import chat.message.messages.MessageNotFound;
import chat.message.messages.NotMessageOwner;
import chat.message.messages.NotMessageRecipient;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This service's facts, as statuses: unseen is 404 (spec B.5), not yours is 403, deleted is 400. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MessageErrors {

    @ExceptionHandler({MessageNotFound.class, ConversationNotFound.class})
    ResponseEntity<ProblemDetail> notFound() {
        return status(HttpStatus.NOT_FOUND, null);
    }

    @ExceptionHandler({NotMessageOwner.class, NotMessageRecipient.class, NotAParticipant.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return status(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(MessageDeleted.class)
    ResponseEntity<ProblemDetail> deleted(MessageDeleted e) {
        return status(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ConversationUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(ConversationUnavailable e) {
        return status(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> status(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, detail));
    }
}
