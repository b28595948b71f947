package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import chat.loadtests.ChatApi.Pair;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ws-send}: a {@code chat_message} frame on the sender's conversation socket, until the
 * recipient's socket hears its {@code new_message}.
 *
 * <p>Each pair's sender and recipient hold the conversation's socket (the sender's with
 * {@code ?acks=1}, so that a server that acknowledges says so); virtual users, arriving at fixed
 * open-loop rates, each write one frame {@code {"type":"chat_message","content":...,
 * "client_id":...}} on a sender's socket (frames of one socket are written one after another).
 * There is no HTTP request: Gatling's report is empty and the summary's tables are the result.
 *
 * <p>Properties: {@code steps} (default 200), {@code stepSeconds} (30), {@code pairs} (50),
 * {@code graceSeconds} (10).
 */
public class WsSendSimulation extends ChatSimulation {

    private final StepPlan plan = StepPlan.fromProperties("200", 30);
    private final int pairCount = Settings.integer("pairs", 50, 1, 10_000);
    private final int graceSeconds = Settings.integer("graceSeconds", 10, 0, 300);
    private final StepStats stats = new StepStats(plan);
    private final DeliveryTracker tracker = new DeliveryTracker(plan);
    private final List<ChatSocket> senders = new ArrayList<>();
    private final List<ChatSocket> recipients = new ArrayList<>();
    private final LongAdder acks = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile List<Pair> pairs;

    private final ScenarioBuilder wsSend = scenario("ws-send").exec(session -> {
        long user = plan.nextUser();
        int pair = (int) (user % pairs.size());
        String name = "chat_message @" + plan.label(plan.stepOf(user));
        stats.sent(name, user);
        String frame = "{\"type\":\"chat_message\",\"content\":\"" + tracker.content(user) + "\",\"client_id\":\"lt-"
                + Settings.RUN_ID + "-" + user + "\"}";
        senders.get(pair).send(frame).whenComplete((done, error) -> {
            long now = System.nanoTime();
            if (error == null) {
                tracker.accepted(user);
                stats.done(name, user, now, null);
            } else {
                tracker.refused(user);
                stats.done(name, user, now, error.getClass().getSimpleName());
            }
        });
        return session;
    });

    public WsSendSimulation() {
        super("ws-send");
        runOpen(wsSend, plan, gateway);
    }

    @Override
    public void before() {
        String prefix = "lt-" + Settings.RUN_ID + "-wssend";
        pairs = api.pairs(prefix, pairCount);
        HttpClient client = HttpClient.newHttpClient();
        for (Pair pair : pairs) {
            URI sender = URI.create(
                    DeliverySimulation.socketUri(gateway, "conversation", pair.conversation(), pair.a()) + "&acks=1");
            senders.add(ChatSocket.open(client, sender, this::senderFrame));
            recipients.add(ChatSocket.open(
                    client,
                    DeliverySimulation.socketUri(gateway, "conversation", pair.conversation(), pair.b()),
                    tracker::frame));
        }
        System.out.println(pairs.size() + " pairs ready, sender and recipient sockets open");
        measureBaseline();
    }

    /** The sender's own socket: acknowledgements and refusals, and the echo of its messages. */
    private void senderFrame(String text, long atNanos) {
        try {
            var frame = ChatApi.JSON.readTree(text);
            switch (frame.path("type").asText()) {
                case "ack" -> acks.increment();
                case "error" ->
                    errors.computeIfAbsent(frame.path("code").asText("?"), c -> new LongAdder())
                            .increment();
                case "new_message" -> echoes.increment();
                default -> {
                    // other events: not counted
                }
            }
        } catch (Exception e) {
            // not JSON: ignored
        }
    }

    @Override
    public void after() {
        Duration waited = tracker.awaitAll(Duration.ofSeconds(graceSeconds));
        long closedEarly = senders.stream().filter(s -> !s.isOpen()).count()
                + recipients.stream().filter(s -> !s.isOpen()).count();
        senders.forEach(ChatSocket::close);
        recipients.forEach(ChatSocket::close);
        var phases = stepPhases(plan);
        new Summary(
                        "ws-send",
                        "chat_message frames on the sender's conversation socket through " + gateway
                                + " → the recipient's conversation socket, " + pairCount + " conversations, steps "
                                + plan.rates + " /s × " + plan.step.toSeconds() + " s; waited " + waited.toMillis()
                                + " ms (grace " + graceSeconds + " s) for the last deliveries.\n\n" + processLine())
                .section(tracker.table("Delivery", "frame written to the sender's socket"))
                .section("Sender sockets: " + acks.sum() + " acks, errors " + StepStats.errors(errors) + ", "
                        + echoes.sum() + " new_message echoes; " + closedEarly
                        + " sockets closed by the server during the run; recipient sockets: "
                        + tracker.foreignMessages.sum() + " new_message frames of other messages, "
                        + tracker.otherFrames.sum() + " other frames.")
                .section(stats.table("Frames written (latency: until the client wrote the frame)"))
                .section(stats.scheduleLine())
                .section(resources(phases, "message"))
                .write();
        monitor.close();
    }
}
