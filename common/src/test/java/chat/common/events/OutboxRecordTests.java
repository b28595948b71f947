package chat.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** An outbox row as the record the publisher sends. */
class OutboxRecordTests {

    private static final String TRACE_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void carriesTheWritersTraceAsTheTraceparentHeader() {
        ProducerRecord<String, String> record =
                new OutboxPublisher.Pending(7, "chat.message.v1", "42", "{}", TRACE_PARENT).record();
        assertThat(record.topic()).isEqualTo("chat.message.v1");
        assertThat(record.key()).isEqualTo("42");
        assertThat(record.value()).isEqualTo("{}");
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(TRACE_PARENT);
    }

    @Test
    void anEventWrittenOutsideATraceHasNoTraceHeader() {
        ProducerRecord<String, String> record =
                new OutboxPublisher.Pending(7, "chat.message.v1", "42", "{}", null).record();
        assertThat(record.headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void isAStructuredModeCloudEventWhetherTracedOrNot() {
        for (String traceParent : new String[] {TRACE_PARENT, null}) {
            ProducerRecord<String, String> record =
                    new OutboxPublisher.Pending(7, "chat.message.v1", "42", "{}", traceParent).record();
            assertThat(record.headers().headers("content-type"))
                    .map(header -> new String(header.value(), StandardCharsets.US_ASCII))
                    .containsExactly("application/cloudevents+json");
        }
    }
}
