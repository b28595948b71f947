package chat.message.sending;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import org.junit.jupiter.api.Test;

class ClientIdTests {

    @Test
    void takesAClientIdUpToTheLimitAndNone() {
        assertThatCode(() -> MessageSending.checkClientId("c".repeat(MessageSending.MAX_CLIENT_ID)))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageSending.checkClientId(null)).doesNotThrowAnyException();
    }

    @Test
    void refusesALongerOneAsInvalid() {
        assertThatThrownBy(() -> MessageSending.checkClientId("c".repeat(MessageSending.MAX_CLIENT_ID + 1)))
                .isInstanceOf(InvalidRequest.class);
    }
}
