package chat.realtime.live;

import chat.common.events.Topics;
import chat.realtime.sockets.ConversationSockets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds message-service's events to this instance's sockets. Every instance reads every partition
 * (a consumer group of its own, from the latest offset), so a conversation's sockets hear its
 * events wherever they are connected, in the order of the partition.
 */
@Component
class LiveEvents {

    private final ConversationSockets sockets;
    private final ServerEvents serverEvents;
    private final JsonMapper json;

    LiveEvents(ConversationSockets sockets, ServerEvents serverEvents, JsonMapper json) {
        this.sockets = sockets;
        this.serverEvents = serverEvents;
        this.json = json;
    }

    @KafkaListener(
            topics = Topics.MESSAGES,
            groupId = "realtime-service.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onMessageEvent(ConsumerRecord<String, String> record) {
        serverEvents.of(json.readTree(record.value())).ifPresent(sockets::deliver);
    }
}
