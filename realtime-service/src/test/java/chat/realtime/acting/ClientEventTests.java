package chat.realtime.acting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chat.realtime.acting.ClientEvent.ChatMessage;
import chat.realtime.acting.ClientEvent.DeleteMessage;
import chat.realtime.acting.ClientEvent.EditMessage;
import chat.realtime.acting.ClientEvent.InvalidClientEvent;
import chat.realtime.acting.ClientEvent.TypingChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Client frames read as events (spec A.5.3, B.14): the protocol's fields, of the protocol's JSON types. */
class ClientEventTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ClientEvent read(String frame) throws InvalidClientEvent {
        return ClientEvent.read(JSON, frame);
    }

    /** The error frame a refused frame gets. */
    private static String refusal(String frame) {
        InvalidClientEvent invalid = catchThrowableOfType(InvalidClientEvent.class, () -> read(frame));
        assertThat(invalid).as(frame).isNotNull();
        return JSON.writeValueAsString(invalid.refusal());
    }

    @Test
    void readsEveryKindOfEventIgnoringFieldsTheProtocolDoesNotName() throws Exception {
        assertThat(read("{\"type\": \"chat_message\", \"content\": \"hi\", \"client_id\": \"c-1\", \"extra\": 1}"))
                .isEqualTo(new ChatMessage("hi", "c-1"));
        assertThat(read("{\"type\": \"chat_message\", \"content\": \"hi\"}")).isEqualTo(new ChatMessage("hi", null));
        assertThat(read("{\"type\": \"edit_message\", \"message_id\": 55, \"content\": \"better\"}"))
                .isEqualTo(new EditMessage(55, "better"));
        assertThat(read("{\"type\": \"delete_message\", \"message_id\": 56}")).isEqualTo(new DeleteMessage(56));
        assertThat(read("{\"type\": \"typing\", \"is_typing\": false}")).isEqualTo(new TypingChange(false));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "this is not json | Not JSON: an event is a JSON object with a type.",
                "[1, 2] | Not a JSON object: an event is a JSON object with a type.",
                "{\"content\": \"x\"} | The event has no type.",
                "{\"type\": 5} | Unknown type: a client sends chat_message, edit_message, delete_message or typing.",
                "{\"type\": \"chat_message\", \"content\": 5} | content must be a string.",
                "{\"type\": \"chat_message\", \"content\": \"x\", \"client_id\": 5} | client_id must be a string.",
                "{\"type\": \"edit_message\", \"message_id\": \"55\", \"content\": \"x\"} | message_id must be a positive integer.",
                "{\"type\": \"delete_message\", \"message_id\": 0} | message_id must be a positive integer.",
                "{\"type\": \"delete_message\", \"message_id\": 1.5} | message_id must be a positive integer.",
                "{\"type\": \"typing\", \"is_typing\": 1} | is_typing must be true or false."
            })
    void refusesWhatIsNoEventSayingWhatToFix(String frame, String detail) {
        assertThat(JSON.readTree(refusal(frame)).path("detail").asString()).isEqualTo(detail);
    }

    @Test
    void aRefusalNamesTheEventAndWhatTheClientGaveValidly() {
        assertThat(refusal("{\"type\": \"chat_message\", \"content\": 5, \"client_id\": \"c-bad\"}"))
                .isEqualTo("{\"type\":\"error\",\"code\":\"invalid\",\"detail\":\"content must be a string.\","
                        + "\"event\":\"chat_message\",\"client_id\":\"c-bad\"}");
        assertThat(refusal("{\"type\": \"edit_message\", \"message_id\": 55}"))
                .isEqualTo("{\"type\":\"error\",\"code\":\"invalid\",\"detail\":\"content must be a string.\","
                        + "\"event\":\"edit_message\",\"message_id\":55}");
        assertThat(refusal("{\"type\": \"no_such_event\"}")).doesNotContain("\"event\"");
    }
}
