package chat.realtime.acting;

import chat.realtime.acting.Outcome.Code;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client event (spec A.5.3) as {@code contracts/sockets/<type>.schema.json} has it, read from a
 * frame by {@link #read}: fields the protocol does not name are ignored; a frame that is no event,
 * or has a field missing or of the wrong JSON type, is refused with a sentence that says what to
 * fix. JSON types are checked as sent: {@code "5"} is no message id, {@code 1} no boolean.
 */
sealed interface ClientEvent {

    String CHAT_MESSAGE = "chat_message";
    String EDIT_MESSAGE = "edit_message";
    String DELETE_MESSAGE = "delete_message";
    String TYPING = "typing";

    /** What a reply to this event names. */
    About about();

    record ChatMessage(String content, @Nullable String clientId) implements ClientEvent {

        @Override
        public About about() {
            return new About(CHAT_MESSAGE, null, clientId);
        }
    }

    record EditMessage(long messageId, String content) implements ClientEvent {

        @Override
        public About about() {
            return new About(EDIT_MESSAGE, messageId, null);
        }
    }

    record DeleteMessage(long messageId) implements ClientEvent {

        @Override
        public About about() {
            return new About(DELETE_MESSAGE, messageId, null);
        }
    }

    record TypingChange(boolean isTyping) implements ClientEvent {

        @Override
        public About about() {
            return new About(TYPING, null, null);
        }
    }

    /**
     * The event in {@code text}.
     *
     * @throws InvalidClientEvent with its refusal when it is none
     */
    static ClientEvent read(JsonMapper json, String text) throws InvalidClientEvent {
        JsonNode event;
        try {
            event = json.readTree(text);
        } catch (JacksonException notJson) {
            throw new InvalidClientEvent(Outcome.invalid("Not JSON: an event is a JSON object with a type."));
        }
        if (event == null || !event.isObject()) {
            throw new InvalidClientEvent(Outcome.invalid("Not a JSON object: an event is a JSON object with a type."));
        }
        JsonNode typeField = event.path("type");
        String type = typeField.isString() ? typeField.stringValue() : "";
        return switch (type) {
            case CHAT_MESSAGE -> {
                JsonNode clientIdField = event.path("client_id");
                String clientId = clientIdField.isString() ? clientIdField.stringValue() : null;
                About about = new About(CHAT_MESSAGE, null, clientId);
                if (!clientIdField.isMissingNode() && clientId == null) {
                    throw about.invalid("client_id must be a string.");
                }
                yield new ChatMessage(content(event, about), clientId);
            }
            case EDIT_MESSAGE -> {
                long id = messageId(event, EDIT_MESSAGE);
                yield new EditMessage(id, content(event, new About(EDIT_MESSAGE, id, null)));
            }
            case DELETE_MESSAGE -> new DeleteMessage(messageId(event, DELETE_MESSAGE));
            case TYPING -> {
                if (!event.path("is_typing").isBoolean()) {
                    throw new About(TYPING, null, null).invalid("is_typing must be true or false.");
                }
                yield new TypingChange(event.path("is_typing").booleanValue());
            }
            default ->
                throw new InvalidClientEvent(
                        Outcome.invalid(
                                typeField.isMissingNode()
                                        ? "The event has no type."
                                        : "Unknown type: a client sends chat_message, edit_message, delete_message or typing."));
        };
    }

    private static String content(JsonNode event, About about) throws InvalidClientEvent {
        if (!event.path("content").isString()) {
            throw about.invalid("content must be a string.");
        }
        return event.path("content").stringValue();
    }

    private static long messageId(JsonNode event, String type) throws InvalidClientEvent {
        JsonNode value = event.path("message_id");
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw new About(type, null, null).invalid("message_id must be a positive integer.");
        }
        return value.longValue();
    }

    /** The event a reply is about, as the client named it. */
    record About(
            String event,
            @Nullable Long messageId,
            @Nullable String clientId) {

        Outcome done(@Nullable Long storedId) {
            return new Outcome.Done(event, storedId, clientId);
        }

        Outcome refused(Code code, String detail) {
            return new Outcome.Refused(code, detail, event, messageId, clientId);
        }

        InvalidClientEvent invalid(String detail) {
            return new InvalidClientEvent(refused(Code.INVALID, detail));
        }
    }

    /** A frame that is no valid client event, and the refusal it gets. */
    final class InvalidClientEvent extends Exception {

        private final transient Outcome refusal;

        InvalidClientEvent(Outcome refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }

        Outcome refusal() {
            return refusal;
        }
    }
}
