package chat.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

/** Which failures of a proxied request the gateway answers 503, and which 502. */
class ReactiveErrorStatusTests {

    @Test
    void aServiceThatRefusesTheConnectionIsUnreachable() {
        Throwable refused = new IllegalStateException("proxy failed", new ConnectException("Connection refused"));
        assertThat(ReactiveErrorAutoConfiguration.unreachable(refused)).isTrue();
        assertThat(ReactiveErrorAutoConfiguration.brokeOff(refused)).isFalse();
    }

    @Test
    void aServiceThatDiesWhileAnsweringBrokeTheRequestOff() {
        Throwable wrapped = new IllegalStateException("proxy failed", PrematureCloseException.TEST_EXCEPTION);
        assertThat(ReactiveErrorAutoConfiguration.brokeOff(PrematureCloseException.TEST_EXCEPTION))
                .isTrue();
        assertThat(ReactiveErrorAutoConfiguration.brokeOff(wrapped)).isTrue();
        assertThat(ReactiveErrorAutoConfiguration.unreachable(wrapped)).isFalse();
    }

    @Test
    void anyOtherFailureIsNeither() {
        Throwable other = new IllegalArgumentException("bad");
        assertThat(ReactiveErrorAutoConfiguration.unreachable(other)).isFalse();
        assertThat(ReactiveErrorAutoConfiguration.brokeOff(other)).isFalse();
    }
}
