package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.systemtests.Api.Member;
import chat.systemtests.Api.Reply;
import chat.testsupport.SampleFiles;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Attachments through the gateway of a running stack, files in its S3 store (spec A.3.3, B.11). */
@ExtendWith(SharedStack.class)
@Order(1)
class AttachmentSystemTests {

    static final int LIMIT = 10_485_760;
    static final String BUCKET = "chat-attachments";
    static Api api;
    static MinioClient store;
    Member alice;
    Member bob;
    Member mallory;
    Member admin;

    @BeforeAll
    static void connect() {
        api = new Api(SharedStack.get());
        store = MinioClient.builder()
                .endpoint(SharedStack.get().s3Endpoint())
                .credentials("chat-local", "chat-local-secret")
                .region("us-east-1")
                .build();
    }

    @BeforeEach
    void cast() throws Exception {
        alice = api.register("alice", false);
        bob = api.register("bob", false);
        mallory = api.register("mallory", false);
        admin = api.register("admin", true);
    }

    @Test
    void acceptsEveryAllowedFormatAndServesItByteForByteWithoutCredentials() throws Exception {
        JsonNode message = api.send(alice, bob, "files");
        for (Map.Entry<String, byte[]> file : SampleFiles.everyAllowedFormat().entrySet()) {
            JsonNode target = api.send(alice, bob, file.getKey());
            Reply uploaded = api.upload(attachments(target), alice, file.getKey(), file.getValue());
            assertThat(uploaded.status())
                    .as(file.getKey() + ": " + uploaded.body())
                    .isEqualTo(201);
            assertThat(uploaded.body().path("message").asLong())
                    .isEqualTo(target.path("id").asLong());

            // what the other participant reads carries its own fresh link
            JsonNode read = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> api.get("/api/messages/" + target.path("id").asLong() + "/", bob)
                                    .body(),
                            m -> m.path("attachments").size() == 1);
            HttpResponse<byte[]> download =
                    api.download(read.path("attachments").get(0).path("file").asString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(message.path("attachments")).isEmpty();
    }

    @Test
    void refusesBadFilesAndLeavesNothingInTheBucket() throws Exception {
        JsonNode message = api.send(alice, bob, "bad files");
        String path = attachments(message);
        for (String name : List.of("page.html", "vector.svg", "tool.exe")) {
            assertThat(api.upload(path, alice, name, SampleFiles.png()).status())
                    .as(name)
                    .isEqualTo(400);
        }
        Reply spoofed = api.upload(path, alice, "cat.png", SampleFiles.html());
        assertThat(spoofed.status()).isEqualTo(400);
        assertThat(spoofed.detail()).isNotBlank();
        Reply tooBig = api.upload(path, alice, "big.png", SampleFiles.pngOfSize(LIMIT + 1));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.detail()).contains("10,485,760");
        assertThat(objectsOf(message.path("id").asLong())).isEmpty();

        assertThat(api.upload(path, alice, "exact.png", SampleFiles.pngOfSize(LIMIT))
                        .status())
                .isEqualTo(201);
        assertThat(objectsOf(message.path("id").asLong())).hasSize(1);
    }

    @Test
    void letsTheSenderAndStaffAttachAndNobodyElse() throws Exception {
        JsonNode message = api.send(alice, bob, "mine");
        String path = attachments(message);
        assertThat(api.upload(path, bob, "a.png", SampleFiles.png()).status()).isEqualTo(403);
        Reply outsider = api.upload(path, mallory, "a.png", SampleFiles.png());
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.detail()).isEqualTo("Not found.");
        assertThat(api.upload(path, admin, "a.png", SampleFiles.png()).status()).isEqualTo(201);
        assertThat(api.upload(path, alice, "a.png", SampleFiles.png()).status()).isEqualTo(201);

        JsonNode elsewhere = api.send(alice, mallory, "other conversation");
        String wrongConversation =
                "/api/conversations/" + elsewhere.path("conversation").asLong() + "/messages/"
                        + message.path("id").asLong() + "/attachments/";
        assertThat(api.upload(wrongConversation, alice, "a.png", SampleFiles.png())
                        .status())
                .isEqualTo(404);

        api.call("DELETE", "/api/messages/" + message.path("id").asLong() + "/", alice, null);
        Reply deleted = api.upload(path, alice, "a.png", SampleFiles.png());
        assertThat(deleted.status()).isEqualTo(400);
        assertThat(api.get("/api/messages/" + message.path("id").asLong() + "/", bob)
                        .body()
                        .path("attachments"))
                .isEmpty();
        assertThat(api.call("POST", path, null, null).status()).isEqualTo(401);
    }

    @Test
    void storesTenConcurrentUploadsToOneMessageAndRefusesTheEleventh() throws Exception {
        JsonNode message = api.send(alice, bob, "ten files");
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            uploads.add(() -> api.upload(attachments(message), alice, "p.png", SampleFiles.pngOfSize(200_000))
                    .status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(11)) {
            for (Future<Integer> status : pool.invokeAll(uploads)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(1);
        assertThat(objectsOf(message.path("id").asLong())).hasSize(10);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                api.get("/api/messages/" + message.path("id").asLong() + "/", bob)
                                        .body()
                                        .path("attachments"))
                        .hasSize(10));
    }

    @Test
    void showsTheLastMessagesAttachmentsInTheConversationList() throws Exception {
        JsonNode message = api.send(alice, bob, "last, with a picture");
        api.upload(attachments(message), alice, "p.png", SampleFiles.png());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode last = api.get(
                            "/api/conversations/" + message.path("conversation").asLong() + "/", bob)
                    .body()
                    .path("last_message");
            assertThat(last.path("attachments")).hasSize(1);
            assertThat(api.download(last.path("attachments").get(0).path("file").asString())
                            .body())
                    .isEqualTo(SampleFiles.png());
        });
    }

    private static String attachments(JsonNode message) {
        return "/api/conversations/" + message.path("conversation").asLong() + "/messages/"
                + message.path("id").asLong() + "/attachments/";
    }

    private static List<String> objectsOf(long message) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : store.listObjects(ListObjectsArgs.builder()
                .bucket(BUCKET)
                .prefix("m/" + message + "/")
                .recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
