package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import chat.loadtests.ChatApi.Pair;
import chat.loadtests.ChatApi.User;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/**
 * {@code sends}: open-loop {@code POST /api/messages/} into existing conversations, at fixed
 * arrival-rate steps.
 *
 * <p>Properties: {@code steps} (rates per second, default 50,100,200,400), {@code stepSeconds}
 * (20), {@code pairs} (user pairs, each with its conversation, 50), {@code readBack} (false): after
 * each 201 the sender reads {@code GET /api/conversations/} at once, and a list whose first
 * conversation does not show that message (or a newer one) as {@code last_message} counts as a
 * {@code stale} error of {@code send+list} (spec B.17); its latency is the whole send-then-read.
 */
public class SendsSimulation extends ChatSimulation {

    private final StepPlan plan = StepPlan.fromProperties("50,100,200,400", 20);
    private final int pairCount = Settings.integer("pairs", 50, 1, 10_000);
    private final StepStats stats = new StepStats(plan);
    private final boolean readBack = Settings.bool("readBack", false);
    private volatile List<Pair> pairs;

    private final ScenarioBuilder sends = scenario("sends")
            .exec(session -> {
                long user = plan.nextUser();
                Pair pair = pairs.get((int) (user % pairs.size()));
                // both directions, so that both users of a pair send
                boolean aToB = (user / pairs.size()) % 2 == 0;
                User from = aToB ? pair.a() : pair.b();
                User to = aToB ? pair.b() : pair.a();
                String name = "send @" + plan.label(plan.stepOf(user));
                stats.sent(name, user);
                return session.set("user", user)
                        .set("name", name)
                        .set("token", from.token())
                        .set(
                                "body",
                                "{\"content\":\"lt " + Settings.RUN_ID + " " + user + "\",\"recipient_id\":" + to.id()
                                        + "}");
            })
            .exec(postMessage().check(jmesPath("id").ofLong().optional().saveAs("sent")))
            .exec(session -> {
                stats.done(session.getString("name"), session.getLong("user"), System.nanoTime(), error(session, 201));
                return session.remove("status");
            })
            .doIf(session -> readBack && session.contains("sent"))
            .then(http(session -> "list after send")
                    .get("/api/conversations/")
                    .header("Authorization", session -> "Bearer " + session.getString("token"))
                    .check(status().saveAs("status"))
                    .check(jmesPath("[0].last_message.id").ofLong().optional().saveAs("shown")))
            .doIf(session -> readBack && session.contains("sent"))
            .then(io.gatling.javaapi.core.CoreDsl.exec(session -> {
                String name = session.getString("name").replace("send @", "send+list @");
                stats.followUp(name, session.getLong("user"));
                String error = error(session, 200);
                if (error == null
                        && (!session.contains("shown") || session.getLong("shown") < session.getLong("sent"))) {
                    error = "stale";
                }
                stats.done(name, session.getLong("user"), System.nanoTime(), error);
                return session;
            }));

    public SendsSimulation() {
        super("sends");
        runOpen(sends, plan, gateway);
    }

    @Override
    public void before() {
        String prefix = "lt-" + Settings.RUN_ID + "-sends";
        pairs = api.pairs(prefix, pairCount);
        System.out.println(pairs.size() + " pairs ready (" + prefix + "-a0 … b" + (pairCount - 1) + ")");
        measureBaseline();
    }

    @Override
    public void after() {
        var phases = stepPhases(plan);
        new Summary(
                        "sends",
                        "POST /api/messages/ through " + gateway + ", " + pairCount + " conversations, steps "
                                + plan.rates + " /s × " + plan.step.toSeconds() + " s, connections "
                                + (Settings.bool("shareConnections", true) ? "shared (keep-alive)" : "per virtual user")
                                + (readBack ? ", each send read back at once in the sender's list" : "")
                                + ".\n\n" + processLine())
                .section(stats.table("Sends"))
                .section(stats.scheduleLine())
                .section(resources(phases, "request"))
                .write();
        monitor.close();
    }
}
