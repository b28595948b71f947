package chat.realtime.acting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What became of one client event, and the reply a socket opened with {@code ?acks=1} is sent
 * for it (spec B.19): each outcome is its own frame, written by Jackson as
 * {@code contracts/sockets/ack.schema.json} and {@code error.schema.json} have it: {@code ack}
 * once it was carried out, {@code error} with a {@link Code} when it was refused. Both name the
 * event and, when the client gave them, the message id and the {@code client_id}, so a client can
 * tell which of its events the reply is for.
 */
public sealed interface Outcome {

    /** A refusal of something that is not an event at all (a binary message, a frame on the user stream). */
    static Outcome invalid(String detail) {
        return new Refused(Code.INVALID, detail, null, null, null);
    }

    /**
     * Carried out: for {@code chat_message} the stored message's id (a retry with the same
     * {@code client_id} names the message the first one stored), for edits and deletes the
     * message changed, none for {@code typing}.
     */
    @JsonPropertyOrder({"type", "event", "message_id", "client_id"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Done(
            String event,
            @JsonProperty("message_id") @Nullable Long messageId,
            @JsonProperty("client_id") @Nullable String clientId)
            implements Outcome {

        @JsonProperty("type")
        public String type() {
            return "ack";
        }
    }

    /** Refused, with a sentence for the developer; {@code event} is null when the frame named no known type. */
    @JsonPropertyOrder({"type", "code", "detail", "event", "message_id", "client_id"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Refused(
            Code code,
            String detail,
            @Nullable String event,
            @JsonProperty("message_id") @Nullable Long messageId,
            @JsonProperty("client_id") @Nullable String clientId)
            implements Outcome {

        @JsonProperty("type")
        public String type() {
            return "error";
        }
    }

    /** Why an event was refused, as the {@code code} of its {@code error} frame. */
    enum Code {
        /** Not JSON, not an object, an unknown type, a missing or wrongly typed field, content the rules refuse. */
        INVALID("The event was refused."),
        /** Someone else's message, which only its sender (or staff) may change. */
        FORBIDDEN("Only the message's sender may do that."),
        /** A message this user cannot see, or one of another conversation. */
        NOT_FOUND("No such message in this conversation."),
        /** Over the user's limit on client events. */
        RATE_LIMITED("Too many events; this one was dropped."),
        /** The message service could not be reached or failed: the event may be sent again. */
        UNAVAILABLE("The event could not be carried out now; send it again later.");

        private final String defaultDetail;

        Code(String defaultDetail) {
            this.defaultDetail = defaultDetail;
        }

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        String defaultDetail() {
            return defaultDetail;
        }

        /**
         * The code for message-service's answer to a client event: its refusals by the rules
         * (400, 403, 404) are the client's; its failures, and an answer that means this
         * service's own call went wrong (401: our token), are {@link #UNAVAILABLE}.
         */
        static Code ofStatus(int status) {
            return switch (status) {
                case 403 -> FORBIDDEN;
                case 404, 410 -> NOT_FOUND;
                case 429 -> RATE_LIMITED;
                case 401, 407, 408 -> UNAVAILABLE;
                default -> status >= 400 && status < 500 ? INVALID : UNAVAILABLE;
            };
        }

        /**
         * What the client is told: message-service's own sentence where it speaks to the client
         * (what is wrong with the content, whose message it is), else this code's own.
         */
        String detail(@Nullable String answered) {
            boolean clients = this == INVALID || this == FORBIDDEN;
            return clients && answered != null && !answered.isBlank() ? answered : defaultDetail;
        }
    }
}
