package chat.message.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.web.InvalidRequest;
import org.junit.jupiter.api.Test;

/** What may name a send for its retries (spec B.7, B.15): an Idempotency-Key, a socket's client_id. */
class SendKeyLimitsTests {

    @Test
    void takesAClientIdUpToTheLimitAndNone() {
        assertThatCode(() -> MessageSending.checkClientId("c".repeat(MessageSending.MAX_CLIENT_ID)))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageSending.checkClientId(null)).doesNotThrowAnyException();
    }

    @Test
    void refusesALongerClientIdAsInvalidNamingIt() {
        assertThatThrownBy(() -> MessageSending.checkClientId("c".repeat(MessageSending.MAX_CLIENT_ID + 1)))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).errors()).containsOnlyKeys("client_id"));
    }

    @Test
    void takesAnIdempotencyKeyUpToTheLimitAndNone() {
        assertThatCode(() -> MessageSending.checkKey("k".repeat(MessageSending.MAX_IDEMPOTENCY_KEY)))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageSending.checkKey("6f1c2a9e-0d4b-4c55-9a51-3e1f0c7b2d10"))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageSending.checkKey(null)).doesNotThrowAnyException();
    }

    @Test
    void refusesALongerOrBlankIdempotencyKeyNamingTheHeader() {
        for (String key : new String[] {"k".repeat(MessageSending.MAX_IDEMPOTENCY_KEY + 1), "", "   "}) {
            assertThatThrownBy(() -> MessageSending.checkKey(key))
                    .as("%.20s", key)
                    .isInstanceOf(InvalidRequest.class)
                    .satisfies(e -> assertThat(((InvalidRequest) e).errors()).containsOnlyKeys("Idempotency-Key"));
        }
    }
}
