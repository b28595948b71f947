package chat.common.events;

import chat.common.config.LibrarySchema;
import chat.common.internal.InternalApiAutoConfiguration;
import chat.common.internal.InternalApiClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events without dual writes, for every service with a database and Kafka: the outbox and its
 * publisher, the record of processed event ids, and a listener error handler that moves a poison
 * record to {@code <topic>.dlt} after a few attempts instead of stopping its partition; and, where
 * {@code chat.events.write-through.[<topic>]} names the services projecting a topic, the
 * write-through of each committed transaction's events to them. Operators see the outbox's
 * backlog ({@link OutboxMetrics}) and the consumers' lag and dead letters ({@link ConsumerMetrics}).
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            KafkaAutoConfiguration.class,
            JacksonAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            InternalApiAutoConfiguration.class
        })
@ConditionalOnClass({JdbcClient.class, KafkaTemplate.class})
@ConditionalOnBean({DataSource.class, KafkaTemplate.class})
@EnableConfigurationProperties({
    EventsAutoConfiguration.OutboxSettings.class,
    EventsAutoConfiguration.WriteThroughSettings.class
})
public class EventsAutoConfiguration {

    /**
     * @param idlePoll how often the publisher looks for events when no commit woke it (another
     *     instance's commits, or retries)
     * @param retention how long published events stay in the outbox, for replay
     * @param processedEventRetention how long the ids of applied events, and every other
     *     {@link IdempotencyKeys}, are kept (never less than {@code retention}): past the topics'
     *     retention (7 days), no redelivery can bring them back
     */
    @ConfigurationProperties("chat.outbox")
    public record OutboxSettings(
            @DefaultValue("500ms") Duration idlePoll,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("14d") Duration processedEventRetention) {}

    /**
     * @param writeThrough per topic, the base URLs of the services that project its events and
     *     take them straight after commit (read-your-writes, ADR 0009); none: Kafka only
     * @param writeThroughTimeout how long a write-through call may hold the writer's request
     */
    @ConfigurationProperties("chat.events")
    public record WriteThroughSettings(
            @DefaultValue Map<String, List<URI>> writeThrough,
            @DefaultValue("1s") Duration writeThroughTimeout) {}

    @Bean
    EventTables eventTables(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        serviceMigrations.ifAvailable(serviceFirst -> {});
        LibrarySchema.migrate(dataSource, "chat-events");
        return new EventTables();
    }

    @Bean
    EventRetention eventRetention(
            EventTables tables, DataSource dataSource, OutboxSettings settings, ObjectProvider<IdempotencyKeys> keys) {
        return new EventRetention(
                JdbcClient.create(dataSource), settings.retention(), settings.processedEventRetention(), keys);
    }

    @Bean
    OutboxPublisher outboxPublisher(
            EventTables tables,
            DataSource dataSource,
            KafkaTemplate<String, String> kafka,
            PlatformTransactionManager transactions,
            OutboxSettings settings,
            EventRetention retention,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxPublisher(
                JdbcClient.create(dataSource),
                kafka,
                new TransactionTemplate(transactions),
                settings.idlePoll(),
                retention,
                new OutboxMetrics(JdbcClient.create(dataSource), registry(meters)));
    }

    private static MeterRegistry registry(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(() -> Metrics.globalRegistry);
    }

    @Bean
    Outbox outbox(
            EventTables tables,
            DataSource dataSource,
            JsonMapper json,
            OutboxPublisher publisher,
            WriteThroughSettings writeThrough,
            ObjectProvider<InternalApiClients> clients,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<TraceParent> traceParents) {
        TraceParent traceParent = traceParents.getIfAvailable(() -> TraceParent.NONE);
        // an empty setting (a variable set to "") turns a topic's write-through off
        Map<String, List<URI>> projectors = writeThrough.writeThrough().entrySet().stream()
                .map(topic -> Map.entry(
                        topic.getKey(),
                        topic.getValue().stream()
                                .filter(url -> !url.toString().isBlank())
                                .toList()))
                .filter(topic -> !topic.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (projectors.isEmpty()) {
            return new Outbox(JdbcClient.create(dataSource), json, publisher, null, traceParent);
        }
        InternalApiClients internalApi = clients.getIfAvailable();
        if (internalApi == null) {
            throw new IllegalStateException("chat.events.write-through is set for " + projectors.keySet()
                    + " but this service has no internal API client (spring-boot-starter-security-oauth2-client)");
        }
        EventWriteThrough through = new EventWriteThrough(
                projectors, url -> internalApi.to(url, writeThrough.writeThroughTimeout()), registry(meters));
        return new Outbox(JdbcClient.create(dataSource), json, publisher, through, traceParent);
    }

    @Bean
    ProcessedEvents processedEvents(EventTables tables, DataSource dataSource) {
        return new ProcessedEvents(JdbcClient.create(dataSource));
    }

    @Bean
    ConsumerMetrics consumerMetrics(
            KafkaAdmin kafkaAdmin,
            ObjectProvider<KafkaListenerEndpointRegistry> listeners,
            ObjectProvider<MeterRegistry> meters) {
        return new ConsumerMetrics(
                kafkaAdmin,
                () -> {
                    KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
                    return registry == null ? List.of() : registry.getListenerContainers();
                },
                registry(meters));
    }

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, ConsumerMetrics metrics) {
        DeadLetterPublishingRecoverer toDeadLetters = new DeadLetterPublishingRecoverer(
                kafka, (ConsumerRecord<?, ?> record, Exception e) -> new TopicPartition(record.topic() + ".dlt", -1));
        return new DefaultErrorHandler(
                (record, failure) -> {
                    toDeadLetters.accept(record, failure);
                    metrics.deadLettered(record.topic());
                },
                new FixedBackOff(500, 3));
    }

    /** Where Micrometer Tracing is configured, events keep their writer's trace context. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class Tracing {

        @Bean
        @ConditionalOnBean({Tracer.class, Propagator.class})
        TraceParent outboxTraceParent(Tracer tracer, Propagator propagator) {
            return TraceParent.of(tracer, propagator);
        }
    }

    /** Marks that the tables exist, so that their users are created after the migration. */
    static final class EventTables {}
}
