package chat.realtime.live;

import chat.common.events.Topics;
import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import chat.realtime.sockets.ConversationSockets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns message-service's events into the server events of spec A.5.4 for this instance's
 * sockets. Every instance reads every partition (a consumer group of its own, from the latest
 * offset), so a conversation's sockets hear its events wherever they are connected, in the order
 * of the partition, each carrying the conversation's {@code seq} (spec B.15).
 */
@Component
class LiveEvents {

    private final ConversationSockets sockets;
    private final UserDirectory users;
    private final JsonMapper json;

    LiveEvents(ConversationSockets sockets, UserDirectory users, JsonMapper json) {
        this.sockets = sockets;
        this.users = users;
        this.json = json;
    }

    @KafkaListener(
            topics = Topics.MESSAGES,
            groupId = "realtime-service.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onMessageEvent(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        JsonNode data = event.path("data");
        long seq = data.path("seq").asLong();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (event.path("type").asString()) {
            case "chat.message.created" -> {
                JsonNode message = data.path("message");
                UserProfile sender = users.render(message.path("sender").asLong());
                Map<String, Object> senderView = new LinkedHashMap<>();
                senderView.put("id", sender.id());
                senderView.put("username", sender.username());
                senderView.put("profile_picture", sender.profilePicture());
                Map<String, Object> messageView = new LinkedHashMap<>();
                messageView.put("id", message.path("id").asLong());
                messageView.put("sender", senderView);
                messageView.put("content", message.path("content").asString());
                messageView.put("timestamp", message.path("timestamp").asString());
                // never an attachments field: clients fetch the message for them (spec A.5.4)
                out.put("type", "new_message");
                out.put("message", messageView);
                if (data.hasNonNull("client_id")) {
                    out.put("client_id", data.path("client_id").asString());
                }
            }
            case "chat.message.edited" -> {
                out.put("type", "message_edited");
                out.put(
                        "message",
                        Map.of(
                                "id", data.path("message").path("id").asLong(),
                                "content", data.path("message").path("content").asString()));
            }
            case "chat.message.deleted" -> {
                out.put("type", "message_deleted");
                out.put("message_id", data.path("message").path("id").asLong());
            }
            case "chat.message.read" -> {
                out.put("type", "message_read");
                out.put("reader", data.path("actor").asLong());
                if (data.has("up_to")) {
                    out.put("up_to", data.path("up_to").asLong());
                }
                if (data.has("message_ids")) {
                    out.put("message_ids", data.path("message_ids"));
                }
            }
            default -> {
                return;
            }
        }
        out.put("seq", seq);
        sockets.deliver(data.path("conversation").asLong(), seq, json.writeValueAsString(out));
    }
}
