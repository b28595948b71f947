package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import chat.loadtests.ChatApi.Pair;
import chat.loadtests.ChatApi.User;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/**
 * {@code sends}: open-loop {@code POST /api/messages/} into existing conversations, at fixed
 * arrival-rate steps.
 *
 * <p>Properties: {@code steps} (rates per second, default 50,100,200,400), {@code stepSeconds}
 * (20), {@code pairs} (user pairs, each with its conversation, 50).
 */
public class SendsSimulation extends ChatSimulation {

    private final StepPlan plan = StepPlan.fromProperties("50,100,200,400", 20);
    private final int pairCount = Settings.integer("pairs", 50, 1, 10_000);
    private final StepStats stats = new StepStats(plan);
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
            .exec(postMessage())
            .exec(session -> {
                stats.done(session.getString("name"), session.getLong("user"), System.nanoTime(), error(session, 201));
                return session;
            });

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
                                + ".\n\n" + processLine())
                .section(stats.table("Sends"))
                .section(stats.scheduleLine())
                .section(resources(phases, "request"))
                .write();
        monitor.close();
    }
}
