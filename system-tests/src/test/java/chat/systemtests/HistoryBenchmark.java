package chat.systemtests;

import chat.systemtests.Api.Member;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How long a history page takes in a conversation of 100,000 messages against one of 100, through
 * the gateway of a running stack. A benchmark, not a test: it asserts nothing and is run on
 * demand; its figures go to docs/benchmarks.md.
 *
 * <pre>mvn -pl system-tests test -Dtest=HistoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class HistoryBenchmark {

    static final int BIG = 100_000;
    static final int SMALL = 100;
    static final int WARMUP = 100;
    static final int SAMPLES = 500;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measureHistoryPages() throws Exception {
        try (RunningStack stack =
                RunningStack.start(RunningStack.ROOT.resolve("system-tests/target/benchmark-data"), true)) {
            Api api = new Api(stack);
            Member alice = api.register("alice", false);
            Member bob = api.register("bob", false);
            Member carol = api.register("carol", false);
            long big = api.send(alice, bob, "first").path("conversation").asLong();
            long small = api.send(alice, carol, "first").path("conversation").asLong();
            seed(stack, big, alice.id(), bob.id(), BIG - 1);
            seed(stack, small, alice.id(), carol.id(), SMALL - 1);
            long deepBig = oldestIds(stack, big);
            long deepSmall = oldestIds(stack, small);

            List<String> report = new ArrayList<>();
            report.add(measure(stack, bob, "100,000 messages, first page", big, ""));
            report.add(measure(stack, carol, "100 messages, first page", small, ""));
            report.add(measure(stack, bob, "100,000 messages, by cursor near the oldest", big, "?before=" + deepBig));
            report.add(measure(stack, carol, "100 messages, by cursor near the oldest", small, "?before=" + deepSmall));
            report.add(measure(stack, bob, "100,000 messages, page=4000 (offset)", big, "?page=4000"));
            System.out.println("| history page (20 messages, through the gateway) | p50 ms | p95 ms | p99 ms |");
            System.out.println("|---|---|---|---|");
            report.forEach(System.out::println);
        }
    }

    /** Rows straight into message-service's database: the API would take an hour to send them. */
    private static void seed(RunningStack stack, long conversation, long sender, long recipient, int count)
            throws Exception {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("message"), "postgres", "")) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into message (conversation_id, sender_id, recipient_id, content, created_at)
                    select ?, ?, ?, 'seeded message ' || g, now() - make_interval(secs => ? - g)
                    from generate_series(1, ?) g""")) {
                insert.setLong(1, conversation);
                insert.setLong(2, sender);
                insert.setLong(3, recipient);
                insert.setInt(4, count);
                insert.setInt(5, count);
                insert.executeUpdate();
            }
            try (PreparedStatement total = db.prepareStatement(
                    "update conversation_sequence set message_count = message_count + ? where conversation_id = ?")) {
                total.setInt(1, count);
                total.setLong(2, conversation);
                total.executeUpdate();
            }
            db.createStatement().execute("analyze message");
        }
    }

    /** An id with only a few messages older than it: the deepest cursor a client reaches. */
    private static long oldestIds(RunningStack stack, long conversation) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("message"), "postgres", "");
                PreparedStatement query = db.prepareStatement(
                        "select id from message where conversation_id = ? order by id asc offset 25 limit 1")) {
            query.setLong(1, conversation);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private String measure(RunningStack stack, Member reader, String label, long conversation, String query)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        stack.uri("/api/conversations/" + conversation + "/messages/" + query))
                .header("Authorization", "Bearer " + reader.token())
                .build();
        for (int i = 0; i < WARMUP; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            millis.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + " answered " + response.statusCode());
            }
        }
        Collections.sort(millis);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f |",
                label,
                millis.get(SAMPLES / 2),
                millis.get(SAMPLES * 95 / 100),
                millis.get(SAMPLES * 99 / 100));
    }
}
