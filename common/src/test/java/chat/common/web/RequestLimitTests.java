package chat.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLimitTests {

    final RequestLimit limit = new RequestLimit(1, Duration.ofMillis(50));

    @Test
    void aRequestPastTheLimitIsAnswered503WithRetryAfterAndADetail() throws Exception {
        CountDownLatch inProgress = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                limit.doFilter(get("/api/conversations/"), new MockHttpServletResponse(), (request, response) -> {
                    inProgress.countDown();
                    await(finish);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inProgress.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse shed = new MockHttpServletResponse();
        MockFilterChain notReached = new MockFilterChain();
        limit.doFilter(get("/api/messages/"), shed, notReached);

        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentAsString()).contains("\"detail\":\"The service is busy with 1 requests");
        assertThat(notReached.getRequest())
                .as("the shed request went no further")
                .isNull();

        finish.countDown();
        first.join();
        assertThat(limit.available()).as("the place is given back").isEqualTo(1);
    }

    @Test
    void aPlaceIsGivenBackWhenTheRequestFails() {
        try {
            limit.doFilter(get("/api/messages/"), new MockHttpServletResponse(), (request, response) -> {
                throw new IllegalStateException("boom");
            });
        } catch (Exception expected) {
            // the failure is the controller's business; the place must still come back
        }
        assertThat(limit.available()).isEqualTo(1);
    }

    @Test
    void healthIsNeverHeldBack() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> {
            try {
                limit.doFilter(get("/api/x"), new MockHttpServletResponse(), (request, response) -> await(finish));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (limit.available() > 0) {
            Thread.onSpinWait();
        }
        MockFilterChain probe = new MockFilterChain();
        MockHttpServletResponse answer = new MockHttpServletResponse();
        limit.doFilter(get("/actuator/health/liveness"), answer, probe);
        assertThat(probe.getRequest()).isNotNull();
        assertThat(answer.getStatus()).isEqualTo(200);
        finish.countDown();
        busy.join();
    }

    private static MockHttpServletRequest get(String path) {
        return new MockHttpServletRequest("GET", path);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
