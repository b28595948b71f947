package chat.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How far this service's consumers are behind ({@code chat.consumer.lag}, records per topic and
 * consumer group: the end of each partition minus the group's committed offset, refreshed every
 * {@link #REFRESH}), and how many records they moved to a dead-letter topic
 * ({@code chat.events.dead.lettered}, per source topic). Lag is read from the broker with the
 * admin client rather than from the consumers, so it shows a consumer that stopped polling too.
 */
public class ConsumerMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerMetrics.class);
    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern INSTANCE_SUFFIX =
            Pattern.compile("\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final KafkaAdmin kafkaAdmin;
    private final Supplier<Collection<MessageListenerContainer>> listeners;
    private final MeterRegistry registry;
    private final MultiGauge lag;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService schedule;
    // used by the schedule's one thread only
    private Admin admin;

    public ConsumerMetrics(
            KafkaAdmin kafkaAdmin, Supplier<Collection<MessageListenerContainer>> listeners, MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.registry = registry;
        this.lag = MultiGauge.builder("chat.consumer.lag")
                .description("Records of a topic not yet consumed by a consumer group (committed offsets)")
                .register(registry);
    }

    /** Counts one record moved to {@code <topic>.dlt}. */
    public void deadLettered(String topic) {
        deadLetteredCounter(topic).increment();
    }

    private Counter deadLetteredCounter(String topic) {
        return deadLettered.computeIfAbsent(
                topic,
                t -> Counter.builder("chat.events.dead.lettered")
                        .description("Records that failed every attempt and were moved to the topic's .dlt")
                        .tag("topic", t)
                        .register(registry));
    }

    /**
     * The group as a tag: a group of one instance (realtime-service's, named after a random id)
     * would make a new series at every start; its instance id becomes {@code <instance>}, and
     * Prometheus' own {@code instance} label tells instances apart.
     */
    static String groupTag(String groupId) {
        return INSTANCE_SUFFIX.matcher(groupId).replaceFirst(".<instance>");
    }

    @Override
    public void start() {
        // every consumed topic shows 0 dead-lettered records from the start, so that a rate is defined
        subscriptions().forEach((group, topics) -> topics.forEach(this::deadLetteredCounter));
        schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("consumer-lag").daemon().factory());
        schedule.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            try {
                schedule.awaitTermination(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }

    @Override
    public int getPhase() {
        // after the listener containers, whose groups it reads
        return Integer.MAX_VALUE - 200;
    }

    private Map<String, Set<String>> subscriptions() {
        Map<String, Set<String>> topicsByGroup = new HashMap<>();
        for (MessageListenerContainer container : listeners.get()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                topicsByGroup
                        .computeIfAbsent(container.getGroupId(), g -> new TreeSet<>())
                        .addAll(List.of(topics));
            }
        }
        return topicsByGroup;
    }

    private void refresh() {
        Map<String, Set<String>> subscriptions = subscriptions();
        if (subscriptions.isEmpty()) {
            return;
        }
        try {
            if (admin == null) {
                admin = Admin.create(kafkaAdmin.getConfigurationProperties());
            }
            Set<String> topics =
                    subscriptions.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(p ->
                                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Map.Entry<String, Set<String>> group : subscriptions.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                for (String topic : group.getValue()) {
                    long behind = lag(topic, ends, committed);
                    rows.add(MultiGauge.Row.of(Tags.of("topic", topic, "group", groupTag(group.getKey())), behind));
                }
            }
            lag.register(rows, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unreachable) {
            // the last figures stay; the broker's outage shows in the outbox backlog and the logs
            log.debug("Consumer lag not refreshed: {}", unreachable.toString());
        }
    }

    /**
     * Records of {@code topic} past the group's committed offsets; a partition the group never
     * committed on counts nothing (realtime-service's groups start at the end).
     */
    static long lag(
            String topic,
            Map<TopicPartition, ListOffsetsResultInfo> ends,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        long behind = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
            if (!end.getKey().topic().equals(topic)) {
                continue;
            }
            OffsetAndMetadata position = committed.get(end.getKey());
            if (position != null) {
                behind += Math.max(0, end.getValue().offset() - position.offset());
            }
        }
        return behind;
    }
}
