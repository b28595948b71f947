package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import chat.common.internal.InternalApiClients;
import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.StandardServiceChecks;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.ResourceAccessException;

/**
 * What every service promises, for message-service, and its calls to the other services' internal
 * APIs. The API's own rules are in the other {@code *IntegrationTests} of this package, which share
 * this class's application context.
 */
@WithFakeConversationService
@TestPropertySource(properties = MessageApiIntegrationTest.KAFKA_ONLY)
class MessageServiceIntegrationTests extends StandardServiceChecks {

    @Autowired
    InternalApiClients internalApis;

    @Test
    void givesUpOnAnInternalApiThatDoesNotAnswer() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts the connection (the backlog does) and never answers a byte
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> internalApis
                    .to(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .get()
                    .uri("/internal/conversations/1")
                    .retrieve()
                    .toBodilessEntity());
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOf(ResourceAccessException.class);
            assertThat(waited).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(10));
        }
    }
}
