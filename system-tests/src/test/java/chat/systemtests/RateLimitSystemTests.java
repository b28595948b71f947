package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Spec B.18 through the running stack's gateway, at its default limits: one user sends faster
 * than any person could, from several threads at once, until the gateway refuses; the refusals
 * say which limit and when to come back, and then the user is served again. The user is fresh, so
 * nothing else of the shared stack draws on their allowance, and their burst draws on no one
 * else's.
 */
@ExtendWith(SharedStack.class)
class RateLimitSystemTests {

    static final int SENDERS = 8;

    private final RunningStack stack = SharedStack.get();
    private final Api api = new Api(stack);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBurstOverTheSendLimitGets429sWithTheHeadersAndIsServedAgainWhenTheyTellIt() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long started = System.nanoTime();
        long conversation = api.send(alice, bob, "first").path("conversation").asLong();
        double refusedBefore = refusedSends();

        HttpResponse<String> probe = send(alice, conversation, "probe");
        assertThat(probe.statusCode()).isEqualTo(201);
        int limit = Integer.parseInt(header(probe, "RateLimit-Limit"));
        // two taken, and perhaps some back already
        assertThat(Integer.parseInt(header(probe, "RateLimit-Remaining"))).isBetween(0, limit - 1);
        assertThat(Long.parseLong(header(probe, "RateLimit-Reset"))).isPositive();

        // every sender stops at its first refusal; a bound keeps a gateway without limits from
        // making this run forever
        AtomicInteger attempts = new AtomicInteger();
        List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            senders.add(() -> {
                while (attempts.incrementAndGet() <= 4 * limit) {
                    HttpResponse<String> answer = send(alice, conversation, "burst " + attempts.get());
                    answers.add(answer);
                    if (answer.statusCode() != 201) {
                        return null;
                    }
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            for (Future<Void> sender : pool.invokeAll(senders)) {
                sender.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<HttpResponse<String>> refusals = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 429) {
                refusals.add(answer);
            }
        }
        System.out.printf(
                "send limit %d: burst of %d sends in %.1f s answered %s%n", limit, answers.size(), seconds, statuses);
        assertThat(statuses.keySet()).as("statuses of the burst").containsExactly(201, 429);
        assertThat(refusals).hasSize(SENDERS);
        // the whole allowance was served (the first two sends and the burst), plus what refilled
        // meanwhile and no more: an empty allowance is whole again after a window, which is what
        // a refusal's RateLimit-Reset says (rounded up to a second)
        long window = refusals.stream()
                .mapToLong(refused -> Long.parseLong(header(refused, "RateLimit-Reset")))
                .max()
                .orElseThrow();
        int served = 2 + statuses.get(201);
        assertThat(served)
                .isGreaterThanOrEqualTo(limit)
                .isLessThanOrEqualTo(limit + (int) Math.ceil(seconds * limit / Math.max(1, window - 1)));

        for (HttpResponse<String> refused : refusals) {
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(header(refused, "RateLimit-Limit")).isEqualTo(Integer.toString(limit));
            assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
            long retryAfter = Long.parseLong(header(refused, "Retry-After"));
            assertThat(retryAfter).isPositive();
            assertThat(Long.parseLong(header(refused, "RateLimit-Reset"))).isGreaterThanOrEqualTo(retryAfter);
            JsonNode problem = Api.JSON.readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("detail").asString())
                    .startsWith("Too many messages sent: at most " + limit + " per ")
                    .endsWith("Try again in " + retryAfter + (retryAfter == 1 ? " second." : " seconds."));
        }

        // alice's other allowances, and other users, are untouched by her sends
        HttpResponse<String> list = call("GET", "/api/conversations/", alice, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(header(list, "RateLimit-Limit")).isNotEqualTo(Integer.toString(limit));
        assertThat(send(bob, conversation, "from bob").statusCode()).isEqualTo(201);

        HttpResponse<String> last = refusals.getLast();
        Thread.sleep(Duration.ofSeconds(Long.parseLong(header(last, "Retry-After"))));
        HttpResponse<String> again = send(alice, conversation, "after the wait");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(header(again, "RateLimit-Limit")).isEqualTo(Integer.toString(limit));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(refusedSends()).isGreaterThanOrEqualTo(refusedBefore + SENDERS));
    }

    private double refusedSends() throws Exception {
        return Scrape.of(stack.actuatorUri("gateway")).sum("chat_gateway_rate_limited_total", "bucket=\"send\"");
    }

    private HttpResponse<String> send(Member from, long conversation, String content) throws Exception {
        return call(
                "POST",
                "/api/conversations/" + conversation + "/messages/",
                from,
                Api.JSON.writeValueAsString(Map.of("content", content)));
    }

    private HttpResponse<String> call(String method, String path, Member as, @Nullable String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path))
                .header("Authorization", "Bearer " + as.token())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers()
                .firstValue(name)
                .orElseThrow(() ->
                        new AssertionError("no " + name + " on " + response.statusCode() + " " + response.body()));
    }
}
