package chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.events.OutboxPublisher;
import chat.common.events.Topics;
import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.KafkaTopics;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators get from message-service: the trace a request came with runs on in the records
 * of its events and in the log line of the send, sampled spans leave over OTLP, the outbox's
 * backlog shows when nothing publishes, sends are counted, and readiness is a gauge.
 */
@ServiceIntegrationTest
@WithFakeConversationService
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** An OTLP/HTTP receiver: the paths of the exports it was sent. */
    static final List<String> EXPORTS = new CopyOnWriteArrayList<>();

    static final HttpServer COLLECTOR = collector();

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) {
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                EXPORTS.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    OutboxPublisher publisher;

    @Autowired
    ApplicationContext context;

    final JsonMapper json = JsonMapper.builder().build();
    final ServiceCalls api = ServiceCalls.onPort(() -> port);

    @Test
    void theRecordOfASendCarriesTheTraceTheRequestCameWith(CapturedOutput output) throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        double sentBefore = meters.get("chat.messages.sent").counter().count();

        Reply sent = send(alice, bob, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        assertThat(sent.status()).isEqualTo(201);
        long conversation = sent.body().path("conversation").asLong();

        long message = sent.body().path("id").asLong();

        // every test of this JVM writes to the same topic: the send's record is the one of this trace
        List<ConsumerRecord<String, String>> traced = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> KafkaTopics.recordsOf(Topics.MESSAGES, Long.toString(conversation), 1).stream()
                                .filter(record -> traceParentOf(record).contains(TRACE_ID))
                                .toList(),
                        found -> !found.isEmpty());
        assertThat(traced).hasSize(1);
        assertThat(json.readTree(traced.getFirst().value())
                        .path("data")
                        .path("message")
                        .path("id")
                        .asLong())
                .isEqualTo(message);
        // the same trace, a span of this service's own
        assertThat(traceParentOf(traced.getFirst()))
                .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(meters.get("chat.messages.sent").counter().count()).isEqualTo(sentBefore + 1);
        // the service's default log format: a JSON object per line, with the request's trace
        JsonNode line = output.getOut()
                .lines()
                .filter(l -> l.contains("Message " + message + " sent"))
                .map(json::readTree)
                .findFirst()
                .orElseThrow();
        assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(meters.get("chat.outbox.published")
                        .tag("topic", Topics.MESSAGES)
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void theSpansOfASampledTraceAreExportedOverOtlpOnceAnEndpointIsSet() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        EXPORTS.clear();
        // the caller's sampling decision (flags 01) is followed
        assertThat(send(alice, bob, "00-" + TRACE_ID.replace('4', '5') + "-00f067aa0ba902b7-01")
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> EXPORTS.contains("POST /v1/traces"));
    }

    @Test
    void theReadinessGaugeFollowsTheReadinessProbe() {
        assertThat(meters.get("chat.ready").gauge().value()).isEqualTo(1);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertThat(meters.get("chat.ready").gauge().value()).isZero();
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(meters.get("chat.ready").gauge().value()).isEqualTo(1);
    }

    @Test
    void anOutboxThatIsNotPublishedShowsItsBacklogAndItsAge() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        publisher.stop();
        try {
            assertThat(send(alice, bob, null).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(meters.get("chat.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
                assertThat(meters.get("chat.outbox.oldest.age").gauge().value()).isGreaterThan(1);
            });
        } finally {
            publisher.start();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(meters.get("chat.outbox.backlog").gauge().value()).isZero();
            assertThat(meters.get("chat.outbox.oldest.age").gauge().value()).isZero();
        });
    }

    private Reply send(TestUser from, TestUser to, String traceParent) throws Exception {
        return api.call(
                "POST",
                "/api/messages/",
                from,
                "{\"content\":\"traced\",\"recipient_id\":" + to.id() + "}",
                traceParent == null ? Map.of() : Map.of("traceparent", traceParent));
    }

    private static String traceParentOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? "" : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** A user this service's directory knows: their own first request puts them there. */
    private TestUser known(TestUser user) throws Exception {
        api.get("/api/messages/0/", user);
        return user;
    }
}
