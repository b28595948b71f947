package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading names from a scrape, on a hand-made exposition. */
class ExposedMetricsTests {

    private static final String EXPOSITION = """
            # HELP chat_messages_sent_total Messages sent
            # TYPE chat_messages_sent_total counter
            chat_messages_sent_total{application="message-service"} 3.0
            # HELP chat_ready Ready to take traffic
            # TYPE chat_ready gauge
            chat_ready 1.0
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{le="0.1",uri="/api/{id} x"} 2 1700000000000
            http_server_requests_seconds_count{uri="/api/{id} x"} 2
              process_uptime_seconds\t12.5
            # TYPE family_without_samples counter
            """;

    @Test
    void namesEverySampleWithOrWithoutLabels() {
        assertThat(ExposedMetrics.sampleNames(EXPOSITION))
                .containsExactly(
                        "chat_messages_sent_total",
                        "chat_ready",
                        "http_server_requests_seconds_bucket",
                        "http_server_requests_seconds_count",
                        "process_uptime_seconds");
    }

    @Test
    void takesAFamilyDeclaredInHelpOrTypeForNoSeries() {
        assertThat(ExposedMetrics.sampleNames(EXPOSITION))
                .doesNotContain("family_without_samples", "http_server_requests_seconds", "HELP", "TYPE");
    }

    @Test
    void readsTheListTheDashboardAndTheRulesQuery() throws Exception {
        assertThat(ExposedMetrics.queried())
                .contains("chat_ready", "http_server_requests_seconds_bucket")
                .allMatch(name -> name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"));
    }
}
