package chat.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerMetricsTests {

    private static final TopicPartition MESSAGES_0 = new TopicPartition("chat.message.v1", 0);
    private static final TopicPartition MESSAGES_1 = new TopicPartition("chat.message.v1", 1);
    private static final TopicPartition USERS_0 = new TopicPartition("chat.user.v1", 0);

    private static ListOffsetsResultInfo end(long offset) {
        return new ListOffsetsResultInfo(offset, -1, Optional.empty());
    }

    @Test
    void lagIsTheSumOverTheTopicsPartitionsOfTheEndMinusTheCommittedOffset() {
        long lag = ConsumerMetrics.lag(
                "chat.message.v1",
                Map.of(MESSAGES_0, end(120), MESSAGES_1, end(40), USERS_0, end(1000)),
                Map.of(
                        MESSAGES_0, new OffsetAndMetadata(100),
                        MESSAGES_1, new OffsetAndMetadata(40),
                        USERS_0, new OffsetAndMetadata(0)));
        assertThat(lag).isEqualTo(20);
    }

    @Test
    void aPartitionTheGroupNeverCommittedOnCountsNothing() {
        long lag = ConsumerMetrics.lag(
                "chat.message.v1",
                Map.of(MESSAGES_0, end(120), MESSAGES_1, end(40)),
                Map.of(MESSAGES_0, new OffsetAndMetadata(110)));
        assertThat(lag).isEqualTo(10);
    }

    @Test
    void aCommittedOffsetPastAnEndReadBeforeItIsNoNegativeLag() {
        // the end offsets and the commits are read one after the other
        assertThat(ConsumerMetrics.lag(
                        "chat.message.v1", Map.of(MESSAGES_0, end(5)), Map.of(MESSAGES_0, new OffsetAndMetadata(7))))
                .isZero();
    }

    @Test
    void aGroupOfOneInstanceIsTaggedWithoutItsRandomId() {
        assertThat(ConsumerMetrics.groupTag("realtime-service.3f2c9a4e-1b7d-4c1a-9e55-0b6d2f8a7c10"))
                .isEqualTo("realtime-service.<instance>");
        assertThat(ConsumerMetrics.groupTag("realtime-service.typing.3f2c9a4e-1b7d-4c1a-9e55-0b6d2f8a7c10"))
                .isEqualTo("realtime-service.typing.<instance>");
        assertThat(ConsumerMetrics.groupTag("conversation-service.messages"))
                .isEqualTo("conversation-service.messages");
    }
}
