package chat.conversation.previews;

import chat.common.events.ProcessedEvents;
import chat.common.events.Topics;
import chat.conversation.conversations.Conversation;
import chat.conversation.conversations.Conversations;
import chat.conversation.previews.EventOrder.Decision;
import chat.conversation.previews.EventOrder.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each conversation's last message and what its participants have not read, from
 * message-service's events, brought by Kafka and, right after the writer's commit, pushed by the
 * writer itself (ADR 0009). Either way the same code applies them, in the conversation's seq
 * order under a lock on its row ({@link EventOrder}): each is applied once, whatever arrives
 * twice.
 */
@Component
class Previews {

    static final String ATTACHMENT_ADDED = "chat.attachment.added";

    private final Conversations conversations;
    private final UnreadCounts unread;
    private final PreviewAttachments attachments;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final MessageEventLog eventLog;

    Previews(
            Conversations conversations,
            UnreadCounts unread,
            PreviewAttachments attachments,
            ProcessedEvents processed,
            JsonMapper json,
            TransactionTemplate transactions,
            MessageEventLog eventLog) {
        this.conversations = conversations;
        this.unread = unread;
        this.attachments = attachments;
        this.processed = processed;
        this.json = json;
        this.transactions = transactions;
        this.eventLog = eventLog;
    }

    /**
     * What one poll brought, applied in one transaction: under load a poll brings many events, and
     * a commit per event was most of this service's work. If the batch cannot be applied, its
     * events are applied one at a time to find the one at fault; those before it stay applied,
     * and the error handler retries it, then moves it to the dead-letter topic, and goes on with
     * the rest.
     */
    @KafkaListener(
            id = "conversation-service.previews",
            topics = Topics.MESSAGES,
            groupId = "conversation-service.previews",
            batch = "true",
            // A fetch waits up to 20 ms for more events (or 16 KiB of them): under load one fetch
            // brings a batch instead of one event each, and a preview lags by at most that much more.
            properties = {"auto.offset.reset=earliest", "fetch.min.bytes=16384", "fetch.max.wait.ms=20"})
    void onMessageEvents(List<ConsumerRecord<String, String>> records) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(this::onMessageEvent));
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                try {
                    transactions.executeWithoutResult(status -> onMessageEvent(record));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(
                            "event at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " cannot be applied",
                            failed,
                            i);
                }
            }
        }
    }

    private void onMessageEvent(ConsumerRecord<String, String> record) {
        apply(json.readTree(record.value()), Delivery.KAFKA);
    }

    /**
     * Message events the writer pushed right after its commit (a transaction's events, in seq
     * order). An event that overtook others of its conversation waits for them: they are read
     * from message-service's event log and applied first; if the log cannot be read, the event
     * is left to Kafka, which brings it in order a moment later.
     */
    void onPushedMessageEvents(List<JsonNode> events) {
        Map<Long, List<JsonNode>> byConversation = new LinkedHashMap<>();
        for (JsonNode event : events) {
            byConversation
                    .computeIfAbsent(event.path("data").path("conversation").asLong(), c -> new ArrayList<>())
                    .add(event);
        }
        byConversation.forEach((conversation, pushed) -> {
            pushed.sort(Comparator.comparingLong(
                    event -> event.path("data").path("seq").asLong()));
            Gap gap = transactions.execute(status -> applyUntilGap(pushed));
            if (gap == null) {
                return;
            }
            // read outside the transaction: no row lock is held while message-service answers
            TreeMap<Long, JsonNode> inOrder = new TreeMap<>();
            eventLog.after(conversation, gap.appliedSeq())
                    .forEach(event -> inOrder.put(event.path("data").path("seq").asLong(), event));
            gap.rest()
                    .forEach(event ->
                            inOrder.putIfAbsent(event.path("data").path("seq").asLong(), event));
            transactions.executeWithoutResult(status -> applyUntilGap(new ArrayList<>(inOrder.values())));
        });
    }

    /** Applies events in order up to the first that finds a gap; returns that gap, if any. */
    private @Nullable Gap applyUntilGap(List<JsonNode> events) {
        for (int i = 0; i < events.size(); i++) {
            Decision decision = apply(events.get(i), Delivery.PUSHED);
            if (decision.action() == EventOrder.Action.FILL_GAP) {
                return new Gap(Objects.requireNonNull(decision.appliedSeq()), events.subList(i, events.size()));
            }
        }
        return null;
    }

    /** Events from {@code rest} on wait for those after {@code appliedSeq}. */
    private record Gap(long appliedSeq, List<JsonNode> rest) {}

    /**
     * Applies one message event in the caller's transaction if its place in the conversation's
     * seq says so; the conversation's row stays locked until commit, so that Kafka and a push
     * never apply the same seq at once.
     */
    private Decision apply(JsonNode tree, Delivery delivery) {
        JsonNode data = tree.path("data");
        Optional<Conversation> locked =
                conversations.lockById(data.path("conversation").asLong());
        if (locked.isEmpty() || !data.path("seq").isIntegralNumber()) {
            // a conversation this service does not know, or an event without seq: by event id only
            project(tree, locked);
            return new Decision(EventOrder.Action.APPLY_IF_NEW, null);
        }
        Conversation conversation = locked.get();
        Decision decision =
                EventOrder.decide(conversation.appliedSeq(), data.path("seq").asLong(), delivery);
        switch (decision.action()) {
            case SKIP, FILL_GAP -> {
                return decision;
            }
            case APPLY, APPLY_IF_NEW -> project(tree, locked);
        }
        if (decision.appliedSeq() != null) {
            conversation.eventsAppliedUpTo(decision.appliedSeq());
        }
        return decision;
    }

    /** The event's change to the previews, once per event id. */
    private void project(JsonNode tree, Optional<Conversation> conversation) {
        String type = tree.path("type").asString();
        if (!MessageEvent.APPLIED.contains(type)) {
            // other types on the topic (attachment_added: attachments come from their own topic)
            return;
        }
        MessageEvent event = json.treeToValue(tree, MessageEvent.class);
        if (!processed.firstTime(event.id())) {
            return;
        }
        MessageEvent.Data data = event.data();
        JsonNode snapshot = tree.path("data").path("message");
        switch (event.type()) {
            case MessageEvent.CREATED -> {
                MessageEvent.Message message = json.treeToValue(snapshot, MessageEvent.Message.class);
                unread.sent(data.conversation(), message);
                conversation.ifPresent(c -> c.messageSent(
                        message.id(), json.writeValueAsString(snapshot), Instant.parse(message.timestamp())));
            }
            case MessageEvent.EDITED, MessageEvent.DELETED -> {
                MessageEvent.Message message = json.treeToValue(snapshot, MessageEvent.Message.class);
                unread.changed(message);
                conversation.ifPresent(c -> c.messageChanged(message.id(), json.writeValueAsString(snapshot)));
            }
            case MessageEvent.READ -> {
                unread.read(data);
                // the preview follows the read state of the message it shows
                conversation
                        .filter(c -> c.lastMessageId().filter(unread::isRead).isPresent())
                        .ifPresent(Conversation::shownMessageRead);
            }
            default -> throw new IllegalStateException("unexpected " + event.type());
        }
    }

    /** Attachments of any message: the one shown as last message may gain files later. */
    @KafkaListener(
            id = "conversation-service.previews.attachments",
            topics = Topics.ATTACHMENTS,
            groupId = "conversation-service.previews.attachments",
            properties = {"auto.offset.reset=earliest"})
    @Transactional
    void onAttachmentEvent(ConsumerRecord<String, String> record) {
        applyAttachment(json.readTree(record.value()));
    }

    /** Attachment events the uploader pushed right after its commit. */
    void onPushedAttachmentEvents(List<JsonNode> events) {
        transactions.executeWithoutResult(status -> events.forEach(this::applyAttachment));
    }

    /**
     * An addition keyed by attachment id, applied once: a push and Kafka's record that race both
     * insert the event id, and the second waits for the first to commit and then finds it there.
     */
    private void applyAttachment(JsonNode event) {
        if (!ATTACHMENT_ADDED.equals(event.path("type").asString())
                || !processed.firstTime(event.path("id").asString())) {
            return;
        }
        JsonNode attachment = event.path("data").path("attachment");
        attachments.added(
                attachment.path("id").asLong(),
                attachment.path("message").asLong(),
                attachment.path("object_key").asString(),
                Instant.parse(attachment.path("uploaded_at").asString()));
    }
}
