package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input through the gateway of the running stack, from {@link FuzzCases}: at least
 * 10,000 requests and 5,000 socket frames, seeded ({@code -Dfuzz.seed}, printed at the start) so
 * that a failure is reproduced by running again with the seed it prints.
 *
 * <p>Nothing may answer 5xx; every 4xx is JSON with a {@code detail}; the sockets stay open and
 * keep working; and no message is changed by anyone not allowed to change it. The cast: alice and
 * bob share a conversation, carol and mallory another. Only bob and mallory (and callers without a
 * valid token) send the hostile input: bob is alice's partner and carol's outsider, mallory the
 * other way round, so alice's and carol's messages must come out exactly as they went in (read
 * marks aside, which their partners may set).
 */
@ExtendWith(SharedStack.class)
@Order(1)
class FuzzSystemTests {

    static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final int FRAMES = Integer.getInteger("fuzz.frames", 5_000);
    static final int WORKERS = 4;
    /** A valid message sent after this many frames must still come through the fuzzed sockets. */
    static final int PROBE_EVERY = 250;

    static final Duration WAIT = Duration.ofSeconds(15);

    static RunningStack stack;
    static Api api;
    static Member alice;
    static Member bob;
    static Member carol;
    static Member mallory;
    static long aliceAndBob;
    static long carolAndMallory;
    /** Messages only their senders (alice, carol) may change: id → what they were before. */
    static final Map<Long, JsonNode> protectedMessages = new HashMap<>();

    static FuzzCases cases;

    @BeforeAll
    static void cast() throws Exception {
        stack = SharedStack.get();
        api = new Api(stack);
        alice = api.register("alice", false);
        bob = api.register("bob", false);
        carol = api.register("carol", false);
        mallory = api.register("mallory", false);
        List<Long> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode fromAlice = api.send(alice, bob, "alice " + i);
            JsonNode fromCarol = api.send(carol, mallory, "carol " + i);
            aliceAndBob = fromAlice.path("conversation").asLong();
            carolAndMallory = fromCarol.path("conversation").asLong();
            protectedMessages.put(fromAlice.path("id").asLong(), fromAlice);
            protectedMessages.put(fromCarol.path("id").asLong(), fromCarol);
            messages.add(fromAlice.path("id").asLong());
            messages.add(fromCarol.path("id").asLong());
            messages.add(api.send(bob, alice, "bob " + i).path("id").asLong());
            messages.add(api.send(mallory, carol, "mallory " + i).path("id").asLong());
        }
        cases = new FuzzCases(
                SEED,
                new FuzzCases.Targets(
                        List.of(aliceAndBob, carolAndMallory),
                        messages,
                        List.of(alice.id(), bob.id(), carol.id(), mallory.id()),
                        List.of(bob.token(), mallory.token())),
                stack.port);
        System.out.printf("fuzz seed %d (-Dfuzz.seed=%d reproduces this run)%n", SEED, SEED);
    }

    @Test
    void answersEveryHostileRequestWithTheApisOwnErrors() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicLong next = new AtomicLong();
        AtomicLong stalls = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    try (RawHttp http = new RawHttp(stack.port)) {
                        for (long i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                            FuzzCases.Request request = cases.request(i);
                            String problem;
                            try {
                                RawHttp.Response response = http.exchange(request.bytes());
                                statuses.computeIfAbsent(response.status(), s -> new AtomicLong())
                                        .incrementAndGet();
                                problem = problem(request, response);
                            } catch (java.io.IOException e) {
                                http.close();
                                problem = "no answer: " + e;
                            }
                            if (problem != null) {
                                failures.add("seed " + SEED + ", " + problem + "\n" + request.describe());
                            }
                        }
                        stalls.addAndGet(http.stalls());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "fuzz: %d requests in %.1f s, statuses %s, kept-alive connections that stopped answering %d%n",
                REQUESTS, seconds, statuses, stalls.get());
        // every failing case, for the reader of a red build (the assertion shows the first ones)
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", "fuzz-failures.txt"),
                failures,
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(failures)
                .as(
                        "%d of %d requests answered wrongly; the first ones:%n%s",
                        failures.size(),
                        REQUESTS,
                        String.join("\n\n", failures.subList(0, Math.min(10, failures.size()))))
                .isEmpty();
        assertProtectedMessagesUnchanged();
    }

    /** Why a response is wrong, or null: 5xx, or a 4xx that is not the API's JSON with a detail. */
    static String problem(FuzzCases.Request request, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "answered " + status + ": "
                    + FuzzCases.printable(response.body().getBytes(), 500);
        }
        if (status < 400
                || new String(request.bytes(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .startsWith("HEAD ")) {
            return null; // a HEAD response has no body to check
        }
        String type = response.headers().getOrDefault("content-type", "");
        if (!type.contains("json")) {
            return "answered " + status + " with Content-Type '" + type + "': "
                    + FuzzCases.printable(response.body().getBytes(), 300);
        }
        try {
            JsonNode body = Api.JSON.readTree(response.body());
            if (!body.path("detail").isString()
                    || body.path("detail").asString().isBlank()) {
                return "answered " + status + " without a detail: " + response.body();
            }
        } catch (RuntimeException notJson) {
            return "answered " + status + " with a body that is not JSON: "
                    + FuzzCases.printable(response.body().getBytes(), 300);
        }
        return null;
    }

    @Test
    void keepsFuzzedSocketsOpenAndWorking() throws Exception {
        String path = "/ws/chat/" + aliceAndBob + "/";
        try (Socket alices = Socket.open(stack, path, Map.of("Authorization", "Bearer " + alice.token()));
                Socket bobs = Socket.open(stack, path, Map.of("Authorization", "Bearer " + bob.token()));
                Socket mallorys = Socket.open(
                        stack,
                        "/ws/chat/" + carolAndMallory + "/",
                        Map.of("Authorization", "Bearer " + mallory.token()))) {
            List<String> failures = new ArrayList<>();
            for (long i = 0; i < FRAMES; i++) {
                FuzzCases.Frame frame = cases.frame(i);
                Socket target = i % 2 == 0 ? bobs : mallorys;
                if (frame.binary()) {
                    target.sendBinary(frame.data());
                } else {
                    target.send(frame.text());
                }
                if ((i + 1) % PROBE_EVERY == 0) {
                    String probe = "probe-" + SEED + "-" + i;
                    alices.send("{\"type\": \"chat_message\", \"content\": \"" + probe + "\", \"client_id\": \"" + probe
                            + "\"}");
                    for (Socket socket : List.of(alices, bobs)) {
                        if (!receives(socket, probe)) {
                            failures.add("seed " + SEED + ": " + probe + " did not arrive after " + frame.describe()
                                    + (socket.isOpen() ? "" : " (socket closed with " + closeCode(socket) + ")"));
                        }
                    }
                    if (!mallorys.isOpen()) {
                        failures.add("seed " + SEED + ": mallory's socket closed with " + closeCode(mallorys)
                                + " after " + frame.describe());
                    }
                    if (!failures.isEmpty()) {
                        break;
                    }
                }
            }
            assertThat(failures).isEmpty();
            bobs.send("{\"type\": \"chat_message\", \"content\": \"bob is still here\", \"client_id\": \"last\"}");
            assertThat(receives(alices, "bob is still here")).isTrue();
        }
        assertProtectedMessagesUnchanged();
    }

    /** Whether a {@code new_message} with this content reaches the socket; other events are passed over. */
    private static boolean receives(Socket socket, String content) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = socket.next(Duration.ofMillis(200));
            if (event != null
                    && event.path("type").asString().equals("new_message")
                    && event.path("message").path("content").asString().equals(content)) {
                return true;
            }
        }
        return false;
    }

    private static String closeCode(Socket socket) {
        try {
            return Integer.toString(socket.closeCode(Duration.ofMillis(100)));
        } catch (Exception unknown) {
            return "?";
        }
    }

    /**
     * alice's and carol's messages as their senders read them: the same content, never edited,
     * deleted or given files; and their conversations hold messages of their two participants only.
     */
    static void assertProtectedMessagesUnchanged() throws Exception {
        for (Map.Entry<Long, JsonNode> entry : protectedMessages.entrySet()) {
            JsonNode before = entry.getValue();
            Member sender = before.path("sender").path("id").asLong() == alice.id() ? alice : carol;
            JsonNode now =
                    api.get("/api/messages/" + entry.getKey() + "/", sender).body();
            for (String field : List.of("content", "is_edited", "is_deleted", "attachments", "conversation")) {
                assertThat(now.path(field))
                        .as("%s of message %d", field, entry.getKey())
                        .isEqualTo(before.path(field));
            }
        }
        assertOnlyParticipantsWrote(aliceAndBob, alice, List.of(alice.id(), bob.id()));
        assertOnlyParticipantsWrote(carolAndMallory, carol, List.of(carol.id(), mallory.id()));
    }

    private static void assertOnlyParticipantsWrote(long conversation, Member reader, List<Long> participants)
            throws Exception {
        String page = "/api/conversations/" + conversation + "/messages/?page_size=100";
        for (int pages = 0; page != null && pages < 200; pages++) {
            JsonNode body = api.get(page, reader).body();
            for (JsonNode message : body.path("results")) {
                assertThat(participants)
                        .as("sender of message %s", message.path("id"))
                        .contains(message.path("sender").path("id").asLong());
            }
            String nextUrl = body.path("next").isString() ? body.path("next").asString() : null;
            page = nextUrl == null
                    ? null
                    : java.net.URI.create(nextUrl).getRawPath() + "?"
                            + java.net.URI.create(nextUrl).getRawQuery();
        }
    }
}
