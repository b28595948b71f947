package chat.realtime.acting;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What became of one client event, and the reply a socket opened with {@code ?acks=1} is sent
 * for it (spec B.19): {@code ack} once it was carried out, {@code error} with a {@link Code} when
 * it was refused. Both name the event and, when the client gave them, the message id and the
 * {@code client_id}, so a client can tell which of its events the reply is for.
 */
public sealed interface Outcome {

    /** The reply frame, to be written as JSON. */
    Map<String, Object> frame();

    /** A refusal of something that is not an event at all (a binary message, a frame on the user stream). */
    static Outcome invalid(String detail) {
        return new Refused(Code.INVALID, detail, null, null, null);
    }

    /**
     * Carried out: for {@code chat_message} the stored message's id (a retry with the same
     * {@code client_id} names the message the first one stored), for edits and deletes the
     * message changed, none for {@code typing}.
     */
    record Done(
            String event,
            @Nullable Long messageId,
            @Nullable String clientId) implements Outcome {

        @Override
        public Map<String, Object> frame() {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "ack");
            frame.put("event", event);
            named(frame, messageId, clientId);
            return frame;
        }
    }

    /** Refused, with a sentence for the developer; {@code event} is null when the frame named no known type. */
    record Refused(
            Code code,
            String detail,
            @Nullable String event,
            @Nullable Long messageId,
            @Nullable String clientId) implements Outcome {

        @Override
        public Map<String, Object> frame() {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "error");
            frame.put("code", code.wire());
            frame.put("detail", detail);
            if (event != null) {
                frame.put("event", event);
            }
            named(frame, messageId, clientId);
            return frame;
        }
    }

    private static void named(Map<String, Object> frame, @Nullable Long messageId, @Nullable String clientId) {
        if (messageId != null) {
            frame.put("message_id", messageId);
        }
        if (clientId != null) {
            frame.put("client_id", clientId);
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
