package chat.realtime.typing;

import chat.common.events.CloudEventRecords;
import chat.common.events.EventEnvelope;
import chat.common.events.Topics;
import chat.common.security.ChatCaller;
import chat.realtime.live.ServerEvents;
import chat.realtime.sockets.Sockets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Is typing" (spec A.5.3, B.14): ephemeral, so it goes straight to its own short-retention topic
 * (no database, hence no outbox) for every instance to pass on as {@code user_typing} to the
 * conversation's other sockets, never to the typist's own. A user's {@code typing: true} in a
 * conversation is passed on at most once per {@value #RENEW_EVERY_SECONDS} s, and one that is not
 * renewed within {@value #EXPIRES_AFTER_SECONDS} s ends by itself with {@code is_typing: false}.
 */
@Component
public class Typing {

    public static final String CHANGED = "chat.typing.changed";
    static final int RENEW_EVERY_SECONDS = 2;
    static final int EXPIRES_AFTER_SECONDS = 6;
    static final String SOURCE = "/realtime-service";

    private final KafkaTemplate<String, String> kafka;
    private final Sockets sockets;
    private final ServerEvents serverEvents;
    private final JsonMapper json;
    private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("typing-expiry").daemon().factory());

    Typing(KafkaTemplate<String, String> kafka, Sockets sockets, ServerEvents serverEvents, JsonMapper json) {
        this.kafka = kafka;
        this.sockets = sockets;
        this.serverEvents = serverEvents;
        this.json = json;
        timer.scheduleWithFixedDelay(this::forgetOldRenewals, 1, 1, TimeUnit.MINUTES);
    }

    /** A socket's {@code typing} event; too frequent ones are dropped. */
    public void typed(ChatCaller caller, long conversation, boolean isTyping) {
        String key = conversation + ":" + caller.userId();
        Instant now = Instant.now();
        if (isTyping) {
            Instant last = lastPublished.get(key);
            if (last != null && last.plusSeconds(RENEW_EVERY_SECONDS).isAfter(now)) {
                return;
            }
            lastPublished.put(key, now);
        } else {
            lastPublished.remove(key);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", conversation);
        data.put("user", caller.userId());
        data.put("is_typing", isTyping);
        String subject = Long.toString(conversation);
        kafka.send(CloudEventRecords.of(
                Topics.TYPING,
                subject,
                json.writeValueAsString(EventEnvelope.of(CHANGED, SOURCE, subject, json.valueToTree(data), now))));
    }

    @KafkaListener(
            topics = Topics.TYPING,
            groupId = "realtime-service.typing.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onTyping(ConsumerRecord<String, String> record) {
        JsonNode data = json.readTree(record.value()).path("data");
        long conversation = data.path("conversation").asLong();
        long user = data.path("user").asLong();
        boolean isTyping = data.path("is_typing").asBoolean();
        String key = conversation + ":" + user;
        ScheduledFuture<?> pending =
                isTyping ? timer.schedule(() -> expire(key), EXPIRES_AFTER_SECONDS, TimeUnit.SECONDS) : null;
        ScheduledFuture<?> previous = pending == null ? expiries.remove(key) : expiries.put(key, pending);
        if (previous != null) {
            previous.cancel(false);
        }
        pass(conversation, user, isTyping);
    }

    /** A {@code typing: true} nobody renewed: its entry goes, so the map holds only live typists. */
    private void expire(String key) {
        // only this expiry, which is due; a renewal that just replaced it keeps its own
        expiries.computeIfPresent(key, (k, future) -> future.getDelay(TimeUnit.MILLISECONDS) <= 0 ? null : future);
        String[] conversationAndUser = key.split(":");
        pass(Long.parseLong(conversationAndUser[0]), Long.parseLong(conversationAndUser[1]), false);
    }

    /** Rate-limit entries are worthless once their window has passed. */
    private void forgetOldRenewals() {
        Instant windowStart = Instant.now().minusSeconds(RENEW_EVERY_SECONDS);
        lastPublished.values().removeIf(published -> published.isBefore(windowStart));
    }

    private void pass(long conversation, long user, boolean isTyping) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "user_typing");
        event.put("user", serverEvents.user(user));
        event.put("is_typing", isTyping);
        event.put("conversation", conversation);
        sockets.deliverToOthers(conversation, user, json.writeValueAsString(event));
    }

    @Configuration(proxyBeanMethods = false)
    static class TypingTopic {

        /** Typing is worthless after seconds: a minute of retention is ample for every instance. */
        @Bean
        NewTopic typingTopic() {
            return TopicBuilder.name(Topics.TYPING)
                    .partitions(3)
                    .config("retention.ms", Long.toString(Duration.ofMinutes(1).toMillis()))
                    .build();
        }
    }
}
