package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import chat.loadtests.ChatApi.Pair;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code delivery}: a message sent over REST, until the recipient's WebSocket hears it.
 *
 * <p>Each pair's recipient holds a socket (the conversation's, or with {@code -Dsocket=user} the
 * user's own stream) opened before the load; senders {@code POST /api/messages/} at fixed
 * open-loop rates with the run, their number and the intended send time in the content; the
 * socket's {@code new_message} frames give the latency, the lost and the duplicated messages.
 *
 * <p>Properties: {@code steps} (default 200), {@code stepSeconds} (30), {@code pairs} (50),
 * {@code socket} (conversation | user), {@code graceSeconds} (10: how long after the last send a
 * message may still arrive).
 */
public class DeliverySimulation extends ChatSimulation {

    private final StepPlan plan = StepPlan.fromProperties("200", 30);
    private final int pairCount = Settings.integer("pairs", 50, 1, 10_000);
    private final String socketKind = Settings.string("socket", "conversation");
    private final int graceSeconds = Settings.integer("graceSeconds", 10, 0, 300);
    private final StepStats stats = new StepStats(plan);
    private final DeliveryTracker tracker = new DeliveryTracker(plan);
    private final List<ChatSocket> sockets = new ArrayList<>();
    private volatile List<Pair> pairs;

    private final ScenarioBuilder delivery = scenario("delivery")
            .exec(session -> {
                long user = plan.nextUser();
                Pair pair = pairs.get((int) (user % pairs.size()));
                String name = "send @" + plan.label(plan.stepOf(user));
                stats.sent(name, user);
                return session.set("user", user)
                        .set("name", name)
                        .set("token", pair.a().token())
                        .set(
                                "body",
                                "{\"content\":\"" + tracker.content(user) + "\",\"recipient_id\":"
                                        + pair.b().id() + "}");
            })
            .exec(postMessage())
            .exec(session -> {
                long user = session.getLong("user");
                String error = error(session, 201);
                stats.done(session.getString("name"), user, System.nanoTime(), error);
                if (error == null) {
                    tracker.accepted(user);
                } else {
                    tracker.refused(user);
                }
                return session;
            });

    public DeliverySimulation() {
        super("delivery");
        if (!socketKind.equals("conversation") && !socketKind.equals("user")) {
            throw new IllegalArgumentException("-Dsocket is conversation or user, not " + socketKind);
        }
        runOpen(delivery, plan, gateway);
    }

    @Override
    public void before() {
        String prefix = "lt-" + Settings.RUN_ID + "-delivery";
        pairs = api.pairs(prefix, pairCount);
        HttpClient client = HttpClient.newHttpClient();
        for (Pair pair : pairs) {
            sockets.add(ChatSocket.open(
                    client, socketUri(gateway, socketKind, pair.conversation(), pair.b()), tracker::frame));
        }
        System.out.println(pairs.size() + " pairs ready, " + sockets.size() + " recipient sockets open");
        measureBaseline();
    }

    static URI socketUri(URI gateway, String kind, long conversation, ChatApi.User user) {
        String path = kind.equals("user") ? "/ws/chat/" : "/ws/chat/" + conversation + "/";
        return URI.create(
                "ws://" + gateway.getHost() + ":" + gateway.getPort() + path + "?access_token=" + user.token());
    }

    @Override
    public void after() {
        Duration waited = tracker.awaitAll(Duration.ofSeconds(graceSeconds));
        long closedEarly = sockets.stream().filter(s -> !s.isOpen()).count();
        sockets.forEach(ChatSocket::close);
        var phases = stepPhases(plan);
        new Summary(
                        "delivery",
                        "POST /api/messages/ through " + gateway + " → the recipient's " + socketKind + " socket, "
                                + pairCount + " conversations, steps " + plan.rates + " /s × " + plan.step.toSeconds()
                                + " s; waited " + waited.toMillis() + " ms (grace " + graceSeconds
                                + " s) for the last deliveries.\n\n" + processLine())
                .section(tracker.table("Delivery", "201"))
                .section("Sockets: " + sockets.size() + " open, " + closedEarly
                        + " closed by the server during the run; "
                        + tracker.foreignMessages.sum() + " new_message frames of other messages, "
                        + tracker.otherFrames.sum() + " other frames.")
                .section(stats.table("The sends (POST)"))
                .section(stats.scheduleLine())
                .section(resources(phases, "message"))
                .write();
        monitor.close();
    }
}
