package chat.systemtests;

import chat.systemtests.Api.Member;
import chat.testsupport.Multipart;
import chat.testsupport.SampleFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How much the live heap of the gateway and of attachment-service grows while a 10 MB file
 * streams through them. A benchmark run on demand; its figures go to docs/benchmarks.md.
 *
 * <p>The upload is sent slowly (about 4 MB/s) so that it lasts a few seconds; meanwhile both JVMs
 * are asked every 200 ms to collect garbage and report their used heap, so what is measured is
 * what they hold, not what they allocated and dropped. The figure is the peak minus the level
 * before the upload, after a small upload has set up what all uploads share.
 *
 * <p>Failsafe runs it only when named (its name is no {@code *SystemTests}):
 *
 * <pre>
 * mvn -pl system-tests -am verify -Dit.test=UploadMemoryBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dimages.skip
 * </pre>
 */
class UploadMemoryBenchmark {

    static final Pattern USED = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    @Test
    void measureHeapDuringATenMegabyteUpload() throws Exception {
        try (RunningStack stack =
                RunningStack.start(RunningStack.ROOT.resolve("system-tests/target/benchmark-data"), true)) {
            Api api = new Api(stack);
            Member alice = api.register("alice", false);
            Member bob = api.register("bob", false);
            // the first upload sets up what every later one shares (storage client, parsers, pools)
            JsonNode warmUp = api.send(alice, bob, "warm-up");
            api.upload(
                    "/api/conversations/" + warmUp.path("conversation").asLong() + "/messages/"
                            + warmUp.path("id").asLong() + "/attachments/",
                    alice,
                    "small.png",
                    SampleFiles.pngOfSize(100_000));
            long gateway = pidOf(stack, "gateway-");
            long attachments = pidOf(stack, "attachment-service-");
            System.out.println(
                    "| run | gateway: live heap before → peak (MB) | attachment-service: before → peak (MB) |");
            System.out.println("|---|---|---|");
            for (int run = 1; run <= 3; run++) {
                JsonNode message = api.send(alice, bob, "a big file");
                String path =
                        "/api/conversations/" + message.path("conversation").asLong() + "/messages/"
                                + message.path("id").asLong() + "/attachments/";
                double gatewayBefore = liveHeapMb(gateway);
                double attachmentsBefore = liveHeapMb(attachments);
                CompletableFuture<HttpResponse<String>> upload = slowUpload(stack, alice, path);
                double gatewayPeak = gatewayBefore;
                double attachmentsPeak = attachmentsBefore;
                while (!upload.isDone()) {
                    gatewayPeak = Math.max(gatewayPeak, liveHeapMb(gateway));
                    attachmentsPeak = Math.max(attachmentsPeak, liveHeapMb(attachments));
                    Thread.sleep(200);
                }
                if (upload.get().statusCode() != 201) {
                    throw new IllegalStateException(
                            "upload answered " + upload.get().body());
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %.1f → %.1f (+%.1f) | %.1f → %.1f (+%.1f) |%n",
                        run,
                        gatewayBefore,
                        gatewayPeak,
                        gatewayPeak - gatewayBefore,
                        attachmentsBefore,
                        attachmentsPeak,
                        attachmentsPeak - attachmentsBefore);
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> slowUpload(RunningStack stack, Member as, String path) {
        Multipart form = Multipart.file("file", "big.png", SampleFiles.pngOfSize(10_485_760));
        InputStream slow = new ByteArrayInputStream(form.body()) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.read(buffer, offset, Math.min(length, 64 * 1024));
            }
        };
        return HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(stack.uri(path))
                                .header("Authorization", "Bearer " + as.token())
                                .header("Content-Type", form.contentType())
                                .POST(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> slow), form.body().length))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Used heap right after a full collection, in MB, read with jcmd. */
    private static double liveHeapMb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        long kilobytes = 0;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
        }
        return kilobytes / 1024.0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static long pidOf(RunningStack stack, String jar) {
        return stack.processes().stream()
                .filter(p -> {
                    try {
                        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                                .contains(jar);
                    } catch (IOException gone) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no process runs " + jar))
                .pid();
    }
}
