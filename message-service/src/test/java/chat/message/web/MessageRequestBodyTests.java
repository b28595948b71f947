package chat.message.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import chat.message.editing.MessageChange;
import chat.message.editing.ReadUpTo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the bodies of PUT, PATCH (spec B.9) and read-up-to (B.12) become the use cases' requests. */
class MessageRequestBodyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode body(String json) {
        return JSON.readTree(json);
    }

    private static MessageChange put(String json) {
        return MessageController.change(body(json), true);
    }

    private static MessageChange patch(String json) {
        return MessageController.change(body(json), false);
    }

    @Test
    void carriesContentAndIgnoresEveryReadOnlyField() {
        assertThat(patch("{\"content\": \"second\", \"sender\": 1, \"is_deleted\": true, \"id\": 5}"))
                .isEqualTo(new MessageChange("second", false));
        assertThat(put("{\"content\": \" as sent \"}")).isEqualTo(new MessageChange(" as sent ", false));
    }

    @Test
    void aPatchWithoutContentOrWithANullOneLeavesTheContent() {
        assertThat(patch("{}")).isEqualTo(new MessageChange(null, false));
        assertThat(patch("{\"content\": null}")).isEqualTo(new MessageChange(null, false));
        assertThat(patch("{\"is_read\": true}")).isEqualTo(new MessageChange(null, true));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{}", "{\"content\": null}", "{\"is_read\": true}"})
    void aPutRequiresContent(String json) {
        assertThatThrownBy(() -> put(json)).satisfies(e -> assertRefused(e, "content", "This field is required."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"content\": 5}", "{\"content\": [\"x\"]}", "{\"content\": true}", "{\"content\": {}}"})
    void refusesContentThatIsNotAStringRatherThanConvertingIt(String json) {
        assertThatThrownBy(() -> patch(json)).satisfies(e -> assertRefused(e, "content", "Not a valid string."));
        assertThatThrownBy(() -> put(json)).satisfies(e -> assertRefused(e, "content", "Not a valid string."));
    }

    @Test
    void marksReadOnlyForTrueAndAsksNothingForFalseOrNull() {
        assertThat(patch("{\"is_read\": true}").markRead()).isTrue();
        assertThat(patch("{\"is_read\": false}").markRead()).isFalse();
        assertThat(patch("{\"is_read\": null}").markRead()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"is_read\": \"yes\"}", "{\"is_read\": 1}", "{\"content\": \"x\", \"is_read\": []}"})
    void refusesAnIsReadThatIsNotABoolean(String json) {
        assertThatThrownBy(() -> patch(json)).satisfies(e -> assertRefused(e, "is_read", "Must be a boolean."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[]", "\"content\"", "5", "null"})
    void refusesABodyThatIsNotAnObject(String json) {
        assertThatThrownBy(() -> patch(json))
                .satisfies(e -> assertRefused(e, "non_field_errors", "Send a JSON object."));
        assertThatThrownBy(() -> put(json)).satisfies(e -> assertRefused(e, "non_field_errors", "Send a JSON object."));
    }

    @Test
    void readsUpToAMessageId() {
        assertThat(ConversationMessagesController.readUpTo(body("{\"up_to\": 12, \"other\": 1}")))
                .isEqualTo(new ReadUpTo(12));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{}", "{\"up_to\": null}", "[12]", "12"})
    void requiresUpTo(String json) {
        assertThatThrownBy(() -> ConversationMessagesController.readUpTo(body(json)))
                .satisfies(e -> assertRefused(e, "up_to", "This field is required."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"up_to\": 0}",
                "{\"up_to\": -3}",
                "{\"up_to\": \"12\"}",
                "{\"up_to\": 1.5}",
                "{\"up_to\": 99999999999999999999}",
                "{\"up_to\": true}"
            })
    void refusesAnUpToThatIsNotAPositiveIntegerRatherThanConvertingIt(String json) {
        assertThatThrownBy(() -> ConversationMessagesController.readUpTo(body(json)))
                .satisfies(e -> assertRefused(e, "up_to", ReadUpTo.NOT_AN_ID));
    }

    private static void assertRefused(Throwable refusal, String field, String message) {
        assertThat(refusal).isInstanceOf(InvalidRequest.class);
        assertThat(((InvalidRequest) refusal).errors()).containsOnlyKeys(field);
        assertThat(((InvalidRequest) refusal).errors().get(field)).containsExactly(message);
    }
}
