package chat.realtime.live;

import chat.common.events.Topics;
import chat.realtime.access.Conversations;
import chat.realtime.delivery.Sockets;
import chat.realtime.frames.ConversationCreated;
import chat.realtime.frames.UserViews;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the services' events to this instance's sockets. Every instance reads every partition
 * (a consumer group of its own, from the latest offset), so sockets hear a conversation's events
 * wherever they are connected, in the order of the partition.
 */
@Component
class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Sockets sockets;
    private final ServerEvents serverEvents;
    private final Conversations conversations;
    private final UserViews users;
    private final JsonMapper json;

    LiveEvents(
            Sockets sockets, ServerEvents serverEvents, Conversations conversations, UserViews users, JsonMapper json) {
        this.sockets = sockets;
        this.serverEvents = serverEvents;
        this.conversations = conversations;
        this.users = users;
        this.json = json;
    }

    @KafkaListener(
            topics = Topics.MESSAGES,
            groupId = "realtime-service.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onMessageEvent(ConsumerRecord<String, String> record) {
        serverEvents.of(json.readValue(record.value(), CloudEvent.class)).ifPresent(event -> {
            int sent = sockets.deliver(event);
            // on the listener's thread, in the trace the writer started (the record's traceparent)
            log.info("Delivered seq {} of conversation {} to {} sockets", event.seq(), event.conversation(), sent);
        });
    }

    /**
     * {@code conversation_created} on the participants' user streams (spec B.15): a conversation's
     * own socket cannot announce it, since nobody follows a conversation before it exists. It
     * comes from another topic than the messages, so it may arrive just after the first
     * {@code new_message}; a conversation is announced once per instance however often the
     * event is delivered.
     */
    @KafkaListener(
            topics = Topics.CONVERSATIONS,
            groupId = "realtime-service.conversations.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onConversationEvent(ConsumerRecord<String, String> record) {
        CloudEvent event = json.readValue(record.value(), CloudEvent.class);
        if (!"chat.conversation.created".equals(event.type())) {
            return;
        }
        EventData.ConversationCreated data = json.treeToValue(event.data(), EventData.ConversationCreated.class);
        if (!conversations.learn(data.conversation(), data.participants())) {
            return;
        }
        ConversationCreated created = new ConversationCreated(
                data.conversation(), data.participants().stream().map(users::of).toList(), data.createdAt());
        sockets.deliverToStreams(data.participants(), json.writeValueAsString(created));
    }
}
