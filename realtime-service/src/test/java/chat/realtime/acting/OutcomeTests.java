package chat.realtime.acting;

import static org.assertj.core.api.Assertions.assertThat;

import chat.realtime.acting.Outcome.Code;
import chat.testsupport.SocketSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Replies to client events (spec B.19): message-service's answers as codes, and the frames sent. */
class OutcomeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @CsvSource({
        "400, invalid",
        "409, invalid",
        "413, invalid",
        "422, invalid",
        "403, forbidden",
        "404, not_found",
        "410, not_found",
        "429, rate_limited",
        "401, unavailable",
        "408, unavailable",
        "500, unavailable",
        "502, unavailable",
        "503, unavailable",
        "504, unavailable",
        "302, unavailable"
    })
    void mapsMessageServicesAnswerToACode(int status, String code) {
        assertThat(Code.ofStatus(status).wire()).isEqualTo(code);
    }

    @Test
    void passesOnMessageServicesSentenceOnlyWhereItSpeaksToTheClient() {
        assertThat(Code.INVALID.detail("Content must not be blank.")).isEqualTo("Content must not be blank.");
        assertThat(Code.FORBIDDEN.detail("Only the sender may edit this message."))
                .isEqualTo("Only the sender may edit this message.");
        assertThat(Code.FORBIDDEN.detail(" ")).isEqualTo("Only the message's sender may do that.");
        assertThat(Code.NOT_FOUND.detail("Not Found")).isEqualTo("No such message in this conversation.");
        assertThat(Code.UNAVAILABLE.detail("Database unavailable, connection refused to 10.0.0.5"))
                .isEqualTo("The event could not be carried out now; send it again later.");
    }

    @Test
    void acknowledgesAChatMessageWithTheStoredIdAndTheClientId() {
        String frame = JSON.writeValueAsString(new Outcome.Done("chat_message", 124L, "c-1"));
        assertThat(frame)
                .isEqualTo("{\"type\":\"ack\",\"event\":\"chat_message\",\"message_id\":124,\"client_id\":\"c-1\"}");
        SocketSchemas.assertMatchesSchema(frame);
    }

    @Test
    void acknowledgesTypingWithNoMessage() {
        String frame = JSON.writeValueAsString(new Outcome.Done("typing", null, null));
        assertThat(frame).isEqualTo("{\"type\":\"ack\",\"event\":\"typing\"}");
        SocketSchemas.assertMatchesSchema(frame);
    }

    @Test
    void namesTheRefusedEventInTheErrorFrame() {
        String frame = JSON.writeValueAsString(new Outcome.Refused(
                Code.FORBIDDEN, "Only the sender may edit this message.", "edit_message", 123L, null));
        assertThat(frame)
                .isEqualTo("{\"type\":\"error\",\"code\":\"forbidden\","
                        + "\"detail\":\"Only the sender may edit this message.\","
                        + "\"event\":\"edit_message\",\"message_id\":123}");
        SocketSchemas.assertMatchesSchema(frame);
    }

    @Test
    void everyCodeMakesAFrameOfTheProtocol() {
        for (Code code : Code.values()) {
            String frame = JSON.writeValueAsString(new Outcome.Refused(code, code.defaultDetail(), null, null, null));
            assertThat(SocketSchemas.violations(frame)).as(frame).isEmpty();
        }
        assertThat(SocketSchemas.violations(JSON.writeValueAsString(Outcome.invalid("x"))))
                .isEmpty();
    }

    @Test
    void theProtocolRefusesAnAckOfAMessageWithoutItsId() {
        String frame = JSON.writeValueAsString(new Outcome.Done("chat_message", null, null));
        assertThat(SocketSchemas.violations(frame)).isNotEmpty();
        assertThat(SocketSchemas.violations("{\"type\": \"error\", \"code\": \"oops\", \"detail\": \"x\"}"))
                .isNotEmpty();
        assertThat(SocketSchemas.violations("{\"type\": \"no_such_frame\"}")).isNotEmpty();
    }
}
