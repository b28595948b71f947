package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a scrape, on a hand-made exposition. */
class ScrapeTests {

    private static final String EXPOSITION = """
            # HELP chat_messages_sent_total Messages sent
            # TYPE chat_messages_sent_total counter
            chat_messages_sent_total{application="message-service"} 3.0
            # HELP chat_ready Ready to take traffic
            # TYPE chat_ready gauge
            chat_ready 1.0
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{le="0.1",uri="/api/{id} x"} 2 1700000000000
            http_server_requests_seconds_bucket{le="+Inf",uri="/api/{id} x"} 5
            http_server_requests_seconds_count{uri="/api/{id} x"} 2
            chat_outbox_oldest_age_seconds NaN
              process_uptime_seconds\t12.5
            # TYPE family_without_samples counter
            """;

    @Test
    void namesEverySampleWithOrWithoutLabels() {
        assertThat(Scrape.parse(EXPOSITION).names())
                .containsExactly(
                        "chat_messages_sent_total",
                        "chat_outbox_oldest_age_seconds",
                        "chat_ready",
                        "http_server_requests_seconds_bucket",
                        "http_server_requests_seconds_count",
                        "process_uptime_seconds");
    }

    @Test
    void takesAFamilyDeclaredInHelpOrTypeForNoSeries() {
        assertThat(Scrape.parse(EXPOSITION).names())
                .doesNotContain("family_without_samples", "http_server_requests_seconds", "HELP", "TYPE");
    }

    @Test
    void sumsTheSamplesOfANameWhoseLabelsMatch() {
        Scrape scrape = Scrape.parse(EXPOSITION);
        assertThat(scrape.sum("http_server_requests_seconds_bucket")).isEqualTo(7.0);
        assertThat(scrape.sum("http_server_requests_seconds_bucket", "le=\"+Inf\""))
                .isEqualTo(5.0);
        assertThat(scrape.sum("process_uptime_seconds")).isEqualTo(12.5);
        assertThat(scrape.sum("chat_messages_sent_total", "application=\"gateway\""))
                .isZero();
        assertThat(scrape.sum("chat_messages")).isZero();
    }
}
