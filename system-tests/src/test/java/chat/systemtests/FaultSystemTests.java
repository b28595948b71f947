package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.systemtests.RunningStack.Launch;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parts of the stack fail while two users send to each other and listen on their sockets, and the
 * counting method of {@code docs/reliability.md} checks the outcome: every send answered 201
 * reaches both participants' sockets exactly once, in {@code seq} order. Each test starts the
 * failed part again as the launcher had started it and waits until it is ready, so the shared
 * stack is whole again for the next test.
 */
@ExtendWith(SharedStack.class)
@Order(3) // after the classes that need every part running
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSystemTests {

    static final Duration READY = Duration.ofMinutes(3);
    static final Duration DELIVERY = Duration.ofMinutes(1);
    static final Duration QUIET = Duration.ofSeconds(2);

    static RunningStack stack;
    static Api api;

    @BeforeAll
    static void useSharedStack() {
        stack = SharedStack.get();
        api = new Api(stack);
    }

    /** message-service finds the participants of a conversation it knows without asking again. */
    @Test
    @Order(1)
    void conversationServiceDownLeavesSendsIntoExistingConversationsWorking() throws Exception {
        Pair pair = pair();
        try (Client alice = pair.connect(pair.alice);
                Client bob = pair.connect(pair.bob)) {
            ProcessHandle service = stack.serviceProcess("conversation-service");
            Launch launch = Launch.of(service);
            long killedAt = System.nanoTime();
            RunningStack.kill(service);
            Burst burst = new Burst(api, pair.conversation, pair.alice, pair.bob, 100, Duration.ofMinutes(1));
            try (burst) {
                burst.awaitEnd(Duration.ofMinutes(1));
                alice.awaitAll(burst.acknowledged(), DELIVERY, QUIET);
                bob.awaitAll(burst.acknowledged(), DELIVERY, QUIET);
            } finally {
                startAgain("conversation-service", launch);
            }
            Duration down = Duration.ofNanos(System.nanoTime() - killedAt);
            report("conversation-service killed (SIGKILL), started again after the burst", burst, down, alice, bob);
            assertThat(burst.statuses()).as(burst.failures().toString()).isEqualTo(Map.of(201, 100));
        }
    }

    @Test
    @Order(2)
    void messageServiceKilledInTheMiddleOfABurstLosesAndRepeatsNothing() throws Exception {
        Pair pair = pair();
        try (Client alice = pair.connect(pair.alice);
                Client bob = pair.connect(pair.bob);
                Burst burst = new Burst(api, pair.conversation, pair.alice, pair.bob, 150, Duration.ofMinutes(4))) {
            burst.awaitAcknowledged(50, Duration.ofMinutes(1));
            ProcessHandle service = stack.serviceProcess("message-service");
            Launch launch = Launch.of(service);
            long killedAt = System.nanoTime();
            RunningStack.kill(service);
            startAgain("message-service", launch);
            burst.awaitEnd(Duration.ofMinutes(2));
            alice.awaitAll(burst.acknowledged(), DELIVERY, QUIET);
            bob.awaitAll(burst.acknowledged(), DELIVERY, QUIET);

            report(
                    "message-service killed (SIGKILL) mid-burst, started again",
                    burst,
                    burst.firstAcknowledgedAfter(killedAt),
                    alice,
                    bob);
            assertThat(burst.acknowledged()).hasSize(150);
            assertThat(burst.serverErrors()).as("the kill was felt").isPositive();
            assertGatewayAnswersWithADetail(burst);
        }
    }

    /**
     * Every instance reads every event, so a client whose instance died resumes on another with
     * {@code since_seq} (spec B.15): the gateway knows one address, so the clients reach the
     * second instance directly, as they would reach any other pod behind a Kubernetes Service.
     */
    @Test
    @Order(3)
    void clientsOfAKilledRealtimeInstanceResumeOnAnotherWithSinceSeq() throws Exception {
        ProcessHandle first = stack.serviceProcess("realtime-service");
        Launch launch = Launch.of(first);
        int secondPort = RunningStack.freePort();
        Map<String, String> secondEnvironment = new HashMap<>(launch.environment());
        secondEnvironment.put("SERVER_PORT", Integer.toString(secondPort));
        Process second = stack.startAgain(
                "realtime-service-2", new Launch(launch.command(), secondEnvironment, launch.directory()), false);
        try {
            RunningStack.awaitReady(second, secondPort, READY);
            URI secondUri = URI.create("ws://127.0.0.1:" + secondPort);

            Pair pair = pair();
            try (Client alice = pair.connect(pair.alice);
                    Client bob = pair.connect(pair.bob);
                    Burst burst = new Burst(api, pair.conversation, pair.alice, pair.bob, 150, Duration.ofMinutes(2))) {
                burst.awaitAcknowledged(50, Duration.ofMinutes(1));
                long killedAt = System.nanoTime();
                RunningStack.kill(first);
                List<String> ends = new ArrayList<>();
                for (Client client : List.of(alice, bob)) {
                    // the gateway closes a client's socket once the instance behind it is gone
                    ends.add(client.name
                            + (client.socket().awaitEnd(Duration.ofSeconds(15)) ? " closed" : " still open"));
                    client.drain();
                    Member member = client == alice ? pair.alice : pair.bob;
                    client.reconnected(Socket.open(
                            secondUri.resolve("/ws/chat/" + pair.conversation + "/?since_seq=" + client.lastSeq()),
                            Map.of("Authorization", "Bearer " + member.token())));
                }
                Duration resumed = Duration.ofNanos(System.nanoTime() - killedAt);
                System.out.println("sockets after the kill: " + ends);
                burst.awaitEnd(Duration.ofMinutes(2));
                alice.awaitAll(burst.acknowledged(), DELIVERY, QUIET);
                bob.awaitAll(burst.acknowledged(), DELIVERY, QUIET);

                report(
                        "realtime-service instance killed (SIGKILL) under open sockets, clients resumed on another",
                        burst,
                        resumed,
                        alice,
                        bob);
                assertThat(burst.statuses()).isEqualTo(Map.of(201, 150));
                assertThat(ends)
                        .as("the gateway ended the sockets of the dead instance")
                        .allMatch(e -> e.endsWith("closed"));
            } finally {
                startAgain("realtime-service", launch);
            }
            // the gateway's own instance serves sockets again
            Pair later = pair();
            try (Client alice = later.connect(later.alice)) {
                assertThat(alice.socket().awaitPing(Duration.ofSeconds(15))).isTrue();
            }
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }

    /**
     * PostgreSQL really stopped (a fast shutdown, which ends every connection) for 10 s and
     * started again as the launcher started it: sends are refused with 503 and a detail within
     * the pool's connection timeout, and succeed again once it is back, without a restart of
     * any service.
     */
    @Test
    @Order(4)
    void postgresStoppedForTenSecondsAnswers503AndTheServicesRecoverByThemselves() throws Exception {
        Pair pair = pair();
        try (Client alice = pair.connect(pair.alice);
                Client bob = pair.connect(pair.bob);
                Burst burst = new Burst(api, pair.conversation, pair.alice, pair.bob, 120, Duration.ofMinutes(3))) {
            burst.awaitAcknowledged(40, Duration.ofMinutes(1));
            Launch postmaster = Launch.of(ProcessHandle.of(stack.postmasterPid())
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running")));
            String options = RunningStack.postmasterOptions(postmaster);
            long stoppedAt = System.nanoTime();
            try {
                stack.pgCtl(postmaster, List.of("-m", "fast", "-w", "stop"));
                Thread.sleep(Duration.ofSeconds(10));
            } finally {
                stack.pgCtl(postmaster, List.of("-w", "-t", "60", "-o", options, "start"));
            }
            long startedAt = System.nanoTime();
            System.out.printf(Locale.ROOT, "PostgreSQL down for %.1f s%n", (startedAt - stoppedAt) / 1e9);
            burst.awaitEnd(Duration.ofMinutes(2));
            alice.awaitAll(burst.acknowledged(), DELIVERY, QUIET);
            bob.awaitAll(burst.acknowledged(), DELIVERY, QUIET);

            report(
                    "PostgreSQL stopped (fast shutdown) for 10 s, started again",
                    burst,
                    burst.firstAcknowledgedAfter(startedAt),
                    alice,
                    bob);
            assertThat(burst.acknowledged()).hasSize(120);
            assertThat(burst.statuses().keySet())
                    .as(burst.failures().toString())
                    .containsOnly(201, 503);
            assertThat(burst.statuses().get(503)).as("the outage was felt").isPositive();
            assertThat(burst.failures())
                    .allSatisfy(failure -> assertThat(failure).contains("\"detail\""));
            assertThat(burst.slowest()).as("every answer within a bound").isLessThan(Duration.ofSeconds(10));
        }
    }

    /**
     * Every answer other than 201 while the service was gone was the gateway's: 503 while nothing
     * listened, 502 for a send the service broke off when it died, each with a JSON detail.
     */
    private static void assertGatewayAnswersWithADetail(Burst burst) {
        assertThat(burst.failures()).allSatisfy(failure -> assertThat(failure).matches("50[23] .*\"detail\".*"));
    }

    private static void startAgain(String module, Launch launch) throws Exception {
        Process again = stack.startAgain(module, launch, false);
        long started = System.nanoTime();
        RunningStack.awaitReady(again, Integer.parseInt(launch.environment().get("SERVER_PORT")), READY);
        System.out.printf(Locale.ROOT, "%s ready again in %.1f s%n", module, (System.nanoTime() - started) / 1e9);
    }

    /** Prints the counts of the method and asserts every acknowledged message arrived once, in order. */
    static void report(String fault, Burst burst, Duration recovery, Client... clients) {
        List<Long> acknowledged = burst.acknowledged();
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "FAULT %s: sends acknowledged %d, answers %s, 5xx or no answer %d, slowest answer %.1f s, recovery %.1f s",
                fault,
                acknowledged.size(),
                burst.statuses(),
                burst.serverErrors(),
                burst.slowest().toMillis() / 1000.0,
                recovery.toMillis() / 1000.0));
        for (Client client : clients) {
            line.append(System.lineSeparator())
                    .append("  ")
                    .append(client.name)
                    .append(": ")
                    .append(client.count(acknowledged));
        }
        System.out.println(line);
        for (Client client : clients) {
            DeliveryCount count = client.count(acknowledged);
            assertThat(count.lost()).as(client.name + " lost").isZero();
            assertThat(count.duplicated()).as(client.name + " duplicated").isZero();
            assertThat(count.outOfOrder()).as(client.name + " out of order").isZero();
        }
    }

    static Pair pair() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        // bob's own request puts him in message-service's directory from his token's claims: after
        // an earlier test restarted message-service, its consumer of chat.user.v1 may still wait for
        // the group to let go of the killed instance, longer than a send waits for the feed
        api.get("/api/messages/0/", bob);
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        return new Pair(alice, bob, conversation);
    }

    record Pair(Member alice, Member bob, long conversation) {

        /** A socket on the conversation through the gateway, after its first message (seq 1). */
        Client connect(Member member) throws Exception {
            Socket socket = Socket.open(
                    stack, "/ws/chat/" + conversation + "/?since_seq=1&access_token=" + member.token(), Map.of());
            assertThat(socket.awaitPing(Duration.ofSeconds(15)))
                    .as("socket open")
                    .isTrue();
            return new Client(member == alice ? "alice" : "bob", socket, 1);
        }
    }
}
