package chat.loadtests;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import chat.loadtests.ChatApi.Reply;
import chat.loadtests.ChatApi.User;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code history}: {@code GET /api/conversations/{id}/messages/}, the first page and a deep page
 * ({@code ?before=} an id with only 25 older messages), in a conversation of 100,000 messages and
 * one of 100, at fixed open-loop rates; the requests go round-robin over the four kinds, so each
 * kind gets a quarter of the step's rate.
 *
 * <p>The two conversations belong to fixed users ({@code <historyUsers>-alice} with {@code -bob}
 * and {@code -carol}) and are kept between runs: a run counts their messages and seeds only what
 * is missing, straight into message-service's database (the API would take an hour).
 *
 * <p>Properties: {@code steps} (200,500,1000), {@code stepSeconds} (20), {@code target} (gateway;
 * {@code direct} = message-service's own port, found from its process or the stack's
 * ports.properties; or a URL), {@code big} (100000), {@code small} (100), {@code conversations}
 * (big,small), {@code pages} (first,deep), {@code historyUsers} (lt-history), {@code seed} (true),
 * {@code db.url} (found from message-service's process or ports.properties), {@code db.user}
 * (postgres), {@code db.password} (empty).
 */
public class HistorySimulation extends ChatSimulation {

    private final StepPlan plan = StepPlan.fromProperties("200,500,1000", 20);
    private final int big = Settings.integer("big", 100_000, 1, 10_000_000);
    private final int small = Settings.integer("small", 100, 1, 10_000_000);
    private final List<String> conversations = Settings.list("conversations", "big,small");
    private final List<String> pages = Settings.list("pages", "first,deep");
    private final String targetName = Settings.string("target", "gateway");
    private final URI target = target();
    private final StepStats stats = new StepStats(plan);
    private final List<Kind> kinds = new ArrayList<>();

    /** One kind of read: who reads which path. */
    record Kind(String label, String token, String path) {}

    private final ScenarioBuilder history = scenario("history")
            .exec(session -> {
                long user = plan.nextUser();
                Kind kind = kinds.get((int) (user % kinds.size()));
                String name = kind.label() + " @" + plan.label(plan.stepOf(user));
                stats.sent(name, user);
                return session.set("user", user)
                        .set("name", name)
                        .set("token", kind.token())
                        .set("path", kind.path());
            })
            .exec(http(session -> session.getString("name"))
                    .get(session -> session.getString("path"))
                    .header("Authorization", session -> "Bearer " + session.getString("token"))
                    .check(status().saveAs("status"), status().is(200)))
            .exec(session -> {
                stats.done(session.getString("name"), session.getLong("user"), System.nanoTime(), error(session, 200));
                return session;
            });

    public HistorySimulation() {
        super("history");
        for (String c : conversations) {
            if (!c.equals("big") && !c.equals("small")) {
                throw new IllegalArgumentException("-Dconversations takes big and/or small, not " + c);
            }
        }
        for (String p : pages) {
            if (!p.equals("first") && !p.equals("deep")) {
                throw new IllegalArgumentException("-Dpages takes first and/or deep, not " + p);
            }
        }
        runOpen(history, plan, target);
    }

    private URI target() {
        if (targetName.equals("gateway")) {
            return gateway;
        }
        URI uri;
        if (targetName.equals("direct")) {
            String port = processes
                    .envOf("message-service", "SERVER_PORT")
                    .orElseGet(() -> portsProperties().getProperty("message-service"));
            if (port == null) {
                throw new IllegalStateException(
                        "message-service's port is unknown: give -Dtarget=http://127.0.0.1:PORT");
            }
            uri = URI.create("http://127.0.0.1:" + port.trim());
        } else {
            uri = URI.create(targetName.replaceAll("/+$", ""));
        }
        Settings.requireLoopback(uri);
        return uri;
    }

    private Properties portsProperties() {
        Properties ports = new Properties();
        Path file = processes.dataDir().resolve("ports.properties");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                ports.load(in);
            } catch (IOException e) {
                System.err.println("cannot read " + file + ": " + e);
            }
        }
        return ports;
    }

    @Override
    public void before() {
        String prefix = Settings.string("historyUsers", "lt-history");
        User alice = api.register(prefix + "-alice");
        User bob = api.register(prefix + "-bob");
        User carol = api.register(prefix + "-carol");
        for (String size : conversations) {
            boolean isBig = size.equals("big");
            User reader = isBig ? bob : carol;
            int messages = isBig ? big : small;
            long conversation = prepare(alice, reader, messages);
            String count = messages % 1000 == 0 ? messages / 1000 + "k" : Integer.toString(messages);
            String base = "/api/conversations/" + conversation + "/messages/";
            for (String page : pages) {
                String path = page.equals("first") ? base : base + "?before=" + deepId(reader, conversation, messages);
                kinds.add(new Kind(page + " page " + count, reader.token(), path));
                System.out.println("history: " + page + " page of " + messages + " messages: GET " + target + path);
            }
        }
        measureBaseline();
    }

    /** The conversation of alice and {@code other}, with at least {@code messages} messages. */
    private long prepare(User alice, User other, int messages) {
        long conversation = find(alice, other);
        if (conversation == 0) {
            conversation = api.send(alice, other, "history: first message")
                    .path("conversation")
                    .asLong();
        }
        long count = count(other, conversation);
        if (count < messages) {
            if (!Settings.bool("seed", true)) {
                throw new IllegalStateException("conversation " + conversation + " has " + count + " messages, not "
                        + messages + ", and -Dseed=false");
            }
            seed(conversation, alice.id(), other.id(), (int) (messages - count));
            count = count(other, conversation);
        }
        System.out.println("history: conversation " + conversation + " has " + count + " messages");
        return conversation;
    }

    private long find(User alice, User other) {
        Reply list = api.get("/api/conversations/", alice);
        if (list.status() != 200) {
            throw new IllegalStateException("GET /api/conversations/ answered " + list);
        }
        for (JsonNode conversation : list.body()) {
            for (JsonNode participant : conversation.path("participants")) {
                if (participant.path("id").asLong() == other.id()) {
                    return conversation.path("id").asLong();
                }
            }
        }
        return 0;
    }

    private long count(User reader, long conversation) {
        Reply page = api.get("/api/conversations/" + conversation + "/messages/?page_size=1", reader);
        if (page.status() != 200) {
            throw new IllegalStateException("GET messages of " + conversation + " answered " + page);
        }
        return page.body().path("count").asLong();
    }

    /** An id with only 25 older messages (or the oldest one): the deepest cursor a client reaches. */
    private long deepId(User reader, long conversation, int messages) {
        long count = count(reader, conversation);
        long last = Math.max(1, (count + 99) / 100);
        List<Long> ids = new ArrayList<>();
        for (long page = Math.max(1, last - 1); page <= last; page++) {
            Reply reply =
                    api.get("/api/conversations/" + conversation + "/messages/?page_size=100&page=" + page, reader);
            reply.body().path("results").forEach(m -> ids.add(m.path("id").asLong()));
        }
        ids.sort(Long::compare);
        return ids.get(Math.min(25, ids.size() - 1));
    }

    /** Rows straight into message-service's database: the API would take an hour to send them. */
    private void seed(long conversation, long sender, long recipient, int count) {
        String url = Settings.string(
                "db.url", processes.envOf("message-service", "DB_URL").orElseGet(() -> {
                    String port = portsProperties().getProperty("postgres");
                    return port == null ? "" : "jdbc:postgresql://127.0.0.1:" + port.trim() + "/message";
                }));
        if (url.isEmpty()) {
            throw new IllegalStateException(
                    "message-service's database is unknown: give -Ddb.url=jdbc:postgresql://...");
        }
        System.out.println("history: seeding " + count + " messages into conversation " + conversation + " at " + url);
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(
                url, Settings.string("db.user", "postgres"), Settings.string("db.password", ""))) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
        System.out.printf("history: seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @Override
    public void after() {
        var phases = stepPhases(plan);
        new Summary(
                        "history"
                                + (targetName.equals("gateway")
                                        ? ""
                                        : "-" + (targetName.equals("direct") ? "direct" : "target")),
                        "GET history pages through "
                                + (target.equals(gateway) ? "the gateway " : "message-service directly ")
                                + target + ", round-robin over " + kinds.size() + " kinds (each 1/" + kinds.size()
                                + " of the rate), steps " + plan.rates + " /s × " + plan.step.toSeconds() + " s.\n\n"
                                + processLine())
                .section(stats.table("History pages (20 messages each)"))
                .section(stats.scheduleLine())
                .section(resources(phases, "request"))
                .write();
        monitor.close();
    }
}
