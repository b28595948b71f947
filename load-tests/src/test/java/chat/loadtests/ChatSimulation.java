package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import chat.loadtests.ResourceMonitor.Phase;
import chat.loadtests.StackProcesses.Snapshot;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every scenario shares: the gateway, the stack's processes and their monitor, the set-up
 * client, the idle baseline and the per-step resource tables.
 */
abstract class ChatSimulation extends Simulation {

    final String scenarioName;
    final URI gateway = Settings.gateway();
    final StackProcesses processes;
    final ResourceMonitor monitor;
    final ChatApi api = new ChatApi(gateway);
    private final int baselineSeconds = Settings.integer("baselineSeconds", 3, 0, 60);
    private Phase baseline;

    ChatSimulation(String scenarioName) {
        this.scenarioName = scenarioName;
        processes = StackProcesses.discover(gateway);
        monitor = new ResourceMonitor(processes);
        System.out.println("load-tests " + scenarioName + " against " + gateway + ", run " + Settings.RUN_ID);
        System.out.println(processes.describe());
        api.requireGateway();
    }

    /** Gatling's HTTP protocol on {@code base}: connections shared by all virtual users unless -DshareConnections=false. */
    HttpProtocolBuilder httpProtocol(URI base) {
        HttpProtocolBuilder protocol = http.baseUrl(base.toString())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("chat-load-tests")
                .disableWarmUp();
        return Settings.bool("shareConnections", true) ? protocol.shareConnections() : protocol;
    }

    /** The stack idle for a few seconds, before the load: the CPU it burns on its own. */
    void measureBaseline() {
        if (baselineSeconds == 0) {
            return;
        }
        Snapshot from = monitor.sample();
        ChatApi.sleep(baselineSeconds * 1000L);
        baseline = new Phase("idle before", from, monitor.sample(), 0);
    }

    /** The phases of a step plan from its scheduled samples, after the baseline. */
    List<Phase> stepPhases(StepPlan plan) {
        List<Snapshot> samples = monitor.scheduledSamples(plan.step.plusSeconds(30));
        List<Phase> phases = new ArrayList<>();
        if (baseline != null) {
            phases.add(baseline);
        }
        for (int i = 0; i < plan.steps(); i++) {
            phases.add(new Phase(plan.label(i), samples.get(i), samples.get(i + 1), plan.usersOf(i)));
        }
        return phases;
    }

    /** The CPU and memory tables for these phases. */
    String resources(List<Phase> phases, String perWhat) {
        return monitor.cpuTable(phases, perWhat) + "\n" + monitor.rssTable(phases);
    }

    String processLine() {
        StringBuilder line = new StringBuilder("Processes (Linux /proc):");
        processes.pids.forEach((name, pid) ->
                line.append(' ').append(name).append(" ").append(pid).append(','));
        line.setLength(line.length() - 1);
        for (String warning : processes.warnings) {
            line.append("\n\nWarning: ").append(warning);
        }
        return line.toString();
    }

    /**
     * Runs {@code scenario} in the open model of {@code plan} against {@code base}, sampling the
     * processes at the plan's step boundaries, within the time limit.
     */
    void runOpen(ScenarioBuilder scenario, StepPlan plan, URI base) {
        plan.whenStarted(() -> monitor.sampleAt(plan.startNanos(), plan.boundaries()));
        setUp(scenario.injectOpen(plan.injection()))
                .protocols(httpProtocol(base))
                .maxDuration(limit(plan.duration()));
    }

    /**
     * {@code POST /api/messages/} named, authorised and filled from the session's {@code name},
     * {@code token} and {@code body}; its status is saved as {@code status}.
     */
    static HttpRequestActionBuilder postMessage() {
        return http(session -> session.getString("name"))
                .post("/api/messages/")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .body(StringBody(session -> session.getString("body")))
                .check(status().saveAs("status"), status().is(201));
    }

    /** null when the response had the expected status, else what went wrong. */
    static String error(Session session, int expected) {
        if (!session.contains("status")) {
            return "no response";
        }
        int status = session.getInt("status");
        return status == expected ? null : Integer.toString(status);
    }

    /** The run's time limit: the injection plus a margin for set-up, timeouts and draining. */
    static Duration limit(Duration injection) {
        return injection.plusSeconds(120);
    }
}
