package chat.realtime.typing;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.events.Topics;
import chat.common.security.ChatCaller;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.Users;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The records realtime-service writes on the typing topic, as the contract has every record. */
@ServiceIntegrationTest
class TypingRecordsIntegrationTests {

    @Autowired
    Typing typing;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void publishesTypingAsAStructuredCloudEventByTheSchema() {
        long conversation = 900_000 + System.nanoTime() % 100_000;
        long alice = Users.alice().id();

        typing.typed(new ChatCaller(alice, false, "alice", null, null, null), conversation, true);

        List<ConsumerRecord<String, String>> records =
                KafkaTopics.recordsOf(Topics.TYPING, Long.toString(conversation), 1);
        assertThat(records).hasSize(1);
        EventSchemas.assertIsStructuredCloudEvent(records.getFirst());
        JsonNode event = json.readTree(records.getFirst().value());
        assertThat(event.path("type").asString()).isEqualTo("chat.typing.changed");
        assertThat(event.path("subject").asString()).isEqualTo(Long.toString(conversation));
        assertThat(event.path("data").path("user").asLong()).isEqualTo(alice);
        assertThat(event.path("data").path("is_typing").asBoolean()).isTrue();
    }
}
