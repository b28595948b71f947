package chat.realtime.typing;

import chat.common.events.CloudEventRecords;
import chat.common.events.EventEnvelope;
import chat.common.events.Topics;
import chat.common.security.ChatCaller;
import chat.realtime.delivery.Sockets;
import chat.realtime.frames.UserTyping;
import chat.realtime.frames.UserViews;
import chat.realtime.typing.Typists.Typist;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Is typing" (spec A.5.3, B.14): ephemeral, so it goes straight to its own short-retention topic
 * (no database, hence no outbox) for every instance to pass on as {@code user_typing} to the
 * conversation's other sockets, never to the typist's own. A user's {@code typing: true} in a
 * conversation is passed on at most once per 2 s, and one that is not
 * renewed within 6 s ends by itself with {@code is_typing: false} ({@link Typists}).
 */
@Component
public class Typing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Typing.class);

    public static final String CHANGED = "chat.typing.changed";
    static final String SOURCE = "/realtime-service";

    private final KafkaTemplate<String, String> kafka;
    private final Sockets sockets;
    private final UserViews users;
    private final JsonMapper json;
    private final Clock clock;
    private final Typists typists;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("typing-expiry").daemon().factory());

    @Autowired
    Typing(KafkaTemplate<String, String> kafka, Sockets sockets, UserViews users, JsonMapper json) {
        this(kafka, sockets, users, json, Clock.systemUTC());
    }

    Typing(KafkaTemplate<String, String> kafka, Sockets sockets, UserViews users, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.sockets = sockets;
        this.users = users;
        this.json = json;
        this.clock = clock;
        this.typists = new Typists(clock);
        // a quarter second late at most: an ended typist is shown for 6 to 6.25 s
        timer.scheduleWithFixedDelay(this::expire, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A socket's {@code typing} event; too frequent ones are dropped. */
    public void typed(ChatCaller caller, long conversation, boolean isTyping) {
        if (!typists.publishes(new Typist(conversation, caller.userId()), isTyping)) {
            return;
        }
        TypingChanged data = new TypingChanged(conversation, caller.userId(), isTyping);
        String subject = Long.toString(conversation);
        kafka.send(CloudEventRecords.of(
                Topics.TYPING,
                subject,
                json.writeValueAsString(
                        EventEnvelope.of(CHANGED, SOURCE, subject, json.valueToTree(data), clock.instant()))));
    }

    @KafkaListener(
            topics = Topics.TYPING,
            groupId = "realtime-service.typing.${chat.realtime.instance-id:${random.uuid}}",
            properties = {"auto.offset.reset=latest"})
    void onTyping(ConsumerRecord<String, String> record) {
        TypingChanged data = json.readValue(record.value(), TypingRecord.class).data();
        typists.heard(new Typist(data.conversation(), data.user()), data.isTyping());
        pass(data.conversation(), data.user(), data.isTyping());
    }

    /** Ends every {@code typing: true} nobody renewed in time. */
    private void expire() {
        try {
            typists.expired().forEach(typist -> pass(typist.conversation(), typist.user(), false));
        } catch (RuntimeException unexpected) {
            // the schedule must survive anything one delivery does
            log.warn("Typing expiry round failed", unexpected);
        }
    }

    /** Stops the expiry rounds with the application context, which Spring closes an AutoCloseable bean with. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void pass(long conversation, long user, boolean isTyping) {
        UserTyping frame = new UserTyping(users.of(user), isTyping, conversation);
        sockets.deliverToOthers(conversation, user, json.writeValueAsString(frame));
    }

    /** The {@code data} of {@code chat.typing.changed} (contracts/events/chat.typing.changed.schema.json). */
    record TypingChanged(
            long conversation,
            long user,
            @JsonProperty("is_typing") boolean isTyping) {}

    /** A record of the typing topic, as far as this service reads it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TypingRecord(TypingChanged data) {}

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
