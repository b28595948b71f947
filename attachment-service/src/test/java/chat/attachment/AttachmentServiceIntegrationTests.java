package chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.attachment.upload.UploadReaper;
import chat.common.events.Topics;
import chat.common.files.FileLinks;
import chat.common.files.S3Settings;
import chat.testsupport.EventSchemas;
import chat.testsupport.KafkaTopics;
import chat.testsupport.Multipart;
import chat.testsupport.SampleFiles;
import chat.testsupport.StandardServiceChecks;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

class AttachmentServiceIntegrationTests extends StandardServiceChecks {

    static final FakeMessageService MESSAGES = new FakeMessageService();
    /** Stands for conversation-service: only its {@code /internal/events} is called. */
    static final FakeMessageService CONVERSATIONS = new FakeMessageService();

    static final AtomicLong IDS = new AtomicLong(4_000_000 + (System.nanoTime() & 0xFFFF));
    static final int LIMIT = 10_485_760;

    @DynamicPropertySource
    static void messageService(DynamicPropertyRegistry registry) {
        registry.add("chat.message-service.url", MESSAGES::uri);
        registry.add("chat.conversation-service.url", CONVERSATIONS::uri);
    }

    @AfterAll
    static void stopFake() {
        MESSAGES.close();
        CONVERSATIONS.close();
    }

    @Autowired
    FileLinks links;

    @Autowired
    S3Settings settings;

    @Autowired
    UploadReaper reaper;

    final TestUser sender = new TestUser(IDS.incrementAndGet(), "sender", false);
    final TestUser recipient = new TestUser(IDS.incrementAndGet(), "recipient", false);
    final TestUser outsider = new TestUser(IDS.incrementAndGet(), "outsider", false);
    final TestUser staff = new TestUser(IDS.incrementAndGet(), "staff", true);

    @Test
    void createsItsPrivateBucketAtStart() throws Exception {
        assertThat(store().bucketExists(BucketExistsArgs.builder()
                        .bucket(settings.bucket())
                        .build()))
                .isTrue();
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(settings.endpoint() + "/" + settings.bucket() + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
    }

    @Test
    void storesAFileOfEveryAllowedFormatAndServesItBackByteForByte() throws Exception {
        for (Map.Entry<String, byte[]> file : SampleFiles.everyAllowedFormat().entrySet()) {
            long message = message(sender, false);
            HttpResponse<String> response = upload(message, sender, file.getKey(), file.getValue());
            assertThat(response.statusCode())
                    .as(file.getKey() + ": " + response.body())
                    .isEqualTo(201);
            JsonNode attachment = json.readTree(response.body());
            assertThat(attachment.path("message").asLong()).isEqualTo(message);
            assertThat(attachment.path("uploaded_at").asString()).isNotBlank();
            HttpResponse<byte[]> download = http.send(
                    HttpRequest.newBuilder(URI.create(attachment.path("file").asString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void handsEachUploadsEventToTheServicesThatRenderAttachmentsBeforeAnswering() throws Exception {
        long message = message(sender, false);
        HttpResponse<String> response = upload(message, sender, "pushed.png", SampleFiles.png());
        assertThat(response.statusCode()).isEqualTo(201);
        long attachment = json.readTree(response.body()).path("id").asLong();

        // no waiting: both pushes happened before the 201 (read-your-writes, ADR 0009)
        for (FakeMessageService projector : List.of(MESSAGES, CONVERSATIONS)) {
            List<JsonNode> pushes = projector.pushed.stream()
                    .filter(push -> push.startsWith("/internal/events/" + Topics.ATTACHMENTS + " "))
                    .map(push -> json.readTree(push.substring(push.indexOf(' ') + 1)))
                    .filter(events -> events.path(0)
                                    .path("data")
                                    .path("attachment")
                                    .path("id")
                                    .asLong()
                            == attachment)
                    .toList();
            assertThat(pushes).as("one call with the upload's one event").hasSize(1);
            assertThat(pushes.getFirst()).hasSize(1);
            JsonNode event = pushes.getFirst().get(0);
            assertThat(event.path("type").asString()).isEqualTo("chat.attachment.added");
            EventSchemas.assertMatchesSchema(event.toString());
        }
    }

    @Test
    void removesTheFilesOfADeletedMessageFromTheBucket() throws Exception {
        long message = message(sender, false);
        long kept = message(sender, false);
        String link = json.readTree(
                        upload(message, sender, "a.png", SampleFiles.png()).body())
                .path("file")
                .asString();
        upload(message, sender, "b.png", SampleFiles.png());
        upload(kept, sender, "c.png", SampleFiles.png());
        assertThat(objectsOf(message)).hasSize(2);

        String deleted = EventSchemas.example("chat.message.deleted").replace("\"id\": 345", "\"id\": " + message);
        EventSchemas.assertMatchesSchema(deleted);
        KafkaTopics.publish(Topics.MESSAGES, "12", deleted);
        KafkaTopics.publish(Topics.MESSAGES, "12", deleted); // redelivered: nothing more to do

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(objectsOf(message)).isEmpty());
        assertThat(objectsOf(kept)).hasSize(1);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from attachment where message_id = ? and removed_at is not null")
                        .param(message)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void keysObjectsAwayFromTheClientsNameWithASafeTypeAndDisposition() throws Exception {
        long message = message(sender, false);
        HttpResponse<String> response = upload(message, sender, "../../evil name\".png", SampleFiles.png());
        assertThat(response.statusCode()).isEqualTo(201);
        String key = objectsOf(message).getFirst();
        assertThat(key).startsWith("m/" + message + "/").doesNotContain("evil");
        StatObjectResponse stat = store().statObject(StatObjectArgs.builder()
                .bucket(settings.bucket())
                .object(key)
                .build());
        assertThat(stat.contentType()).isEqualTo("image/png");
        assertThat(stat.headers().get("Content-Disposition")).isEqualTo("inline; filename=\"attachment.png\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000.png", "a.png\u0000.html", "a\u0001b.png", "a\tb.png", "a\u007f.png"})
    void refusesAFileNameWithControlCharactersAndStoresNothing(String name) throws Exception {
        long message = message(sender, false);
        HttpResponse<String> response = upload(message, sender, name, SampleFiles.png());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("detail").asString())
                .isEqualTo("'file': The file name must not contain control characters.");
        assertThat(json.readTree(response.body()).path("errors").has("file")).isTrue();
        assertThat(objectsOf(message)).isEmpty();
        assertThat(upload(message, sender, "a.png", SampleFiles.png()).statusCode())
                .as("the refused upload took no place on the message")
                .isEqualTo(201);
    }

    @Test
    void linksMakeTheStoreAnswerWithTheStoredTypeShownInline() throws Exception {
        HttpResponse<String> upload = upload(message(sender, false), sender, "photo.png", SampleFiles.png());
        URI link = URI.create(json.readTree(upload.body()).path("file").asString());
        HttpResponse<byte[]> file =
                http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(file.headers().firstValue("Content-Disposition")).contains("inline; filename=\"attachment.png\"");
        assertThat(file.body()).isEqualTo(SampleFiles.png());
    }

    @Test
    void linksToAnythingButPicturesAndVideosAreDownloads() throws Exception {
        String key = "m/" + IDS.incrementAndGet() + "/" + java.util.UUID.randomUUID();
        byte[] page = SampleFiles.html();
        store().putObject(PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(
                        new java.io.ByteArrayInputStream(page), page.length, -1)
                .contentType("text/html")
                .build());
        HttpResponse<String> file = http.send(
                HttpRequest.newBuilder(URI.create(links.link(key, "text/html"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"attachment.html\"");
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page.html", "script.svg", "program.exe", "noextension", "archive.png.zip"})
    void refusesDisallowedExtensionsAndStoresNothing(String name) throws Exception {
        long message = message(sender, false);
        HttpResponse<String> response = upload(message, sender, name, SampleFiles.png());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("errors").has("file")).isTrue();
        assertThat(objectsOf(message)).isEmpty();
    }

    @Test
    void refusesAFileWhoseContentBeliesItsExtension() throws Exception {
        long message = message(sender, false);
        HttpResponse<String> spoofed = upload(message, sender, "kitten.png", SampleFiles.html());
        assertThat(spoofed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(spoofed.body()).path("detail").asString()).contains("PNG");
        assertThat(upload(message, sender, "photo.jpg", SampleFiles.png()).statusCode())
                .isEqualTo(400);
        assertThat(upload(message, sender, "empty.png", new byte[0]).statusCode())
                .isEqualTo(400);
        assertThat(objectsOf(message)).isEmpty();
    }

    @Test
    void acceptsExactlyTenMegabytesAndRefusesOneByteMoreWithoutTemporaryFiles() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        long message = message(sender, false);
        assertThat(upload(message, sender, "big.png", SampleFiles.pngOfSize(LIMIT))
                        .statusCode())
                .isEqualTo(201);
        assertThat(objectsOf(message)).hasSize(1);

        long other = message(sender, false);
        HttpResponse<String> tooBig = upload(other, sender, "bigger.png", SampleFiles.pngOfSize(LIMIT + 1));
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooBig.body()).path("detail").asString()).contains("10,485,760");
        assertThat(objectsOf(other)).isEmpty();
        assertThat(largeFilesWrittenSince(started)).isEmpty();
    }

    /**
     * Files of a megabyte or more written under the temporary folder since {@code since}, but for
     * the embedded test database's and broker's own (their data folders live there too; the
     * broker's index files are preallocated at 10 MB).
     */
    private static List<java.nio.file.Path> largeFilesWrittenSince(java.time.Instant since) throws Exception {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        List<java.nio.file.Path> found = new ArrayList<>();
        // walked by hand: other processes' folders under the temporary folder come and go meanwhile
        java.nio.file.Files.walkFileTree(tmp, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(
                    java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                String name = file.toString();
                if (attributes.isRegularFile()
                        && !name.contains("/epg")
                        && !name.contains("embedded-pg")
                        && !name.contains("/kafka-")
                        && attributes.size() >= 1_000_000
                        && attributes.lastModifiedTime().toInstant().isAfter(since)) {
                    found.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path file, java.io.IOException gone) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    @Test
    void letsOnlyTheSenderAndStaffAttach() throws Exception {
        long message = message(sender, false);
        assertThat(upload(message, recipient, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(403);
        assertThat(upload(message, outsider, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(404);
        assertThat(upload(message, staff, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(201);
        assertThat(upload(message, sender, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(201);
        HttpResponse<String> otherConversation = send(
                "/api/conversations/999/messages/" + message + "/attachments/", sender, "a.png", SampleFiles.png());
        assertThat(otherConversation.statusCode()).isEqualTo(404);
        assertThat(upload(IDS.incrementAndGet(), sender, "a.png", SampleFiles.png())
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> deleted = upload(message(sender, true), sender, "a.png", SampleFiles.png());
        assertThat(deleted.statusCode()).isEqualTo(400);
        assertThat(json.readTree(deleted.body()).path("detail").asString()).contains("deleted");
    }

    @Test
    void storesTenConcurrentUploadsToOneMessageAndRefusesTheEleventh() throws Exception {
        long message = message(sender, false);
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            uploads.add(() -> upload(message, sender, "p.png", SampleFiles.pngOfSize(300_000))
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(11)) {
            for (Future<Integer> status : pool.invokeAll(uploads)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(1);
        assertThat(objectsOf(message)).hasSize(10);
        assertThat(upload(message, sender, "p.png", SampleFiles.png()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesARequestWithoutAFileOrNotMultipart() throws Exception {
        long message = message(sender, false);
        HttpResponse<String> json = http.send(
                HttpRequest.newBuilder(uri(message, message))
                        .header("Authorization", "Bearer " + TestTokens.of(sender))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        HttpResponse<String> otherField = send(attachmentsPath(message), sender, "a.png", SampleFiles.png(), "picture");
        assertThat(otherField.statusCode()).isEqualTo(400);
    }

    @Test
    void removesTheStoredFileWhenItsRecordCannotBeWritten() throws Exception {
        long message = message(sender, false);
        // a database that refuses this message's record, after the file reached the store
        String refuse = "refuse_" + message;
        jdbc.sql("alter table attachment add constraint " + refuse + " check (message_id <> " + message + ") not valid")
                .update();
        try {
            HttpResponse<String> failed = upload(message, sender, "a.png", SampleFiles.png());
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(json.readTree(failed.body()).path("detail").asString())
                    .isEqualTo("An unexpected error occurred.");
        } finally {
            jdbc.sql("alter table attachment drop constraint " + refuse).update();
        }
        assertThat(objectsOf(message)).isEmpty();
        assertThat(pendingUploadsOf(message)).isZero();
        assertThat(upload(message, sender, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(201);
    }

    // ---- uploads that never finish

    @Test
    void reapsTheFileOfAnUploadThatDiedBeforeItsRecordAndFreesItsPlace() throws Exception {
        long message = message(sender, false);
        for (int i = 0; i < 9; i++) {
            assertThat(upload(message, sender, "p.png", SampleFiles.png()).statusCode())
                    .isEqualTo(201);
        }
        // what an instance stopped between the store and the record leaves: the object, and the
        // pending record committed before it streamed, long ago
        String dead = crashedUpload(message, "2 hours");
        assertThat(upload(message, sender, "p.png", SampleFiles.png()).statusCode())
                .as("the dead upload still holds the tenth place")
                .isEqualTo(400);
        // and a crash moments ago: as far as anyone can tell, still streaming
        long other = message(sender, false);
        String recent = crashedUpload(other, "1 minute");

        assertThat(reaper.reap()).isGreaterThanOrEqualTo(1);

        assertThat(objectsOf(message)).hasSize(9).doesNotContain(dead);
        assertThat(pendingUploadsOf(message)).isZero();
        assertThat(objectsOf(other)).containsExactly(recent);
        assertThat(pendingUploadsOf(other)).isOne();
        assertThat(upload(message, sender, "p.png", SampleFiles.png()).statusCode())
                .isEqualTo(201);
        assertThat(upload(message, sender, "p.png", SampleFiles.png()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void leavesAnUploadThatIsStillStreamingAlone() throws Exception {
        long message = message(sender, false);
        SlowUpload slow = SlowUpload.start(this, message, sender, SampleFiles.pngOfSize(300_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingUploadsOf(message) == 1);

        reaper.reap();
        assertThat(pendingUploadsOf(message)).isOne();

        HttpResponse<String> finished = slow.finish();
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(201);
        assertThat(pendingUploadsOf(message)).isZero();
        assertThat(objectsOf(message)).hasSize(1);
    }

    @Test
    void anUploadReapedWhileItStillStreamedIsNotRecorded() throws Exception {
        long message = message(sender, false);
        SlowUpload slow = SlowUpload.start(this, message, sender, SampleFiles.pngOfSize(300_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingUploadsOf(message) == 1);
        // as if it had been streaming for longer than dead-after (a setting too short for it)
        jdbc.sql("update pending_upload set started_at = now() - interval '2 hours' where message_id = ?")
                .param(message)
                .update();
        assertThat(reaper.reap()).isGreaterThanOrEqualTo(1);

        assertThat(slow.finish().statusCode()).isEqualTo(500);
        assertThat(jdbc.sql("select count(*) from attachment where message_id = ?")
                        .param(message)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(objectsOf(message)).isEmpty();
        assertThat(pendingUploadsOf(message)).isZero();
    }

    @Test
    void anUploadCutOffMidwayFreesItsPlaceAndStoresNothing() throws Exception {
        long message = message(sender, false);
        SlowUpload cut = SlowUpload.start(this, message, sender, SampleFiles.pngOfSize(300_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingUploadsOf(message) == 1);

        cut.breakOff();

        await().atMost(Duration.ofSeconds(20)).until(() -> pendingUploadsOf(message) == 0);
        assertThat(objectsOf(message)).isEmpty();
    }

    // ---- links

    @Test
    void theStoreRefusesAFileLinkOnceItsLifetimeIsOver() throws Exception {
        long message = message(sender, false);
        assertThat(upload(message, sender, "a.png", SampleFiles.png()).statusCode())
                .isEqualTo(201);
        String key = objectsOf(message).getFirst();
        FileLinks shortLived = new FileLinks(new S3Settings(
                settings.endpoint(),
                settings.publicEndpoint(),
                settings.accessKey(),
                settings.secretKey(),
                settings.region(),
                settings.bucket(),
                Duration.ofSeconds(3)));
        String link = shortLived.link(key);
        assertThat(link).contains("X-Amz-Expires=3");
        assertThat(fetch(link)).isEqualTo(200);

        // signed times are whole seconds: two seconds past its three, the link is over for sure
        Thread.sleep(Duration.ofSeconds(5));

        assertThat(fetch(link)).isEqualTo(403);
        assertThat(fetch(shortLived.link(key)))
                .as("a fresh link to the same file")
                .isEqualTo(200);
    }

    private int fetch(String link) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The object and the pending record of an upload whose instance stopped {@code ago}. */
    private String crashedUpload(long message, String ago) throws Exception {
        String key = "m/" + message + "/" + java.util.UUID.randomUUID();
        byte[] png = SampleFiles.png();
        store().putObject(io.minio.PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(
                        new java.io.ByteArrayInputStream(png), png.length, -1)
                .contentType("image/png")
                .build());
        jdbc.sql("insert into pending_upload (object_key, message_id, uploaded_by, started_at)"
                        + " values (?, ?, ?, now() - cast(? as interval))")
                .params(key, message, sender.id(), ago)
                .update();
        return key;
    }

    private long pendingUploadsOf(long message) {
        return jdbc.sql("select count(*) from pending_upload where message_id = ?")
                .param(message)
                .query(Long.class)
                .single();
    }

    /**
     * An upload whose body stops after its first bytes until told to go on, or to break off (the
     * client's connection fails midway).
     */
    static final class SlowUpload {

        private final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean broken;
        private java.util.concurrent.CompletableFuture<HttpResponse<String>> response;

        static SlowUpload start(AttachmentServiceIntegrationTests test, long message, TestUser as, byte[] content) {
            SlowUpload upload = new SlowUpload();
            Multipart form = Multipart.file("file", "slow.png", content);
            byte[] body = form.body();
            int pause = body.length / 3;
            java.io.InputStream paused = new java.io.InputStream() {
                private int position;

                @Override
                public int read() throws java.io.IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                    if (position == pause) {
                        try {
                            upload.go.await();
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        if (upload.broken) {
                            throw new java.io.IOException("connection lost midway");
                        }
                    }
                    if (position >= body.length) {
                        return -1;
                    }
                    int end = position < pause ? pause : body.length;
                    int n = Math.min(length, end - position);
                    System.arraycopy(body, position, buffer, offset, n);
                    position += n;
                    return n;
                }
            };
            upload.response = test.http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + test.port + attachmentsPath(message)))
                            .header("Authorization", "Bearer " + TestTokens.of(as))
                            .header("Content-Type", form.contentType())
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> paused))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return upload;
        }

        HttpResponse<String> finish() throws Exception {
            go.countDown();
            return response.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        void breakOff() {
            broken = true;
            go.countDown();
        }
    }

    @Test
    void announcesEachAttachmentByTheSchema() throws Exception {
        long message = message(sender, false);
        long conversation = message;
        JsonNode attachment = json.readTree(
                upload(message, sender, "a.png", SampleFiles.png()).body());
        List<String> events = KafkaTopics.valuesOf(Topics.ATTACHMENTS, Long.toString(conversation), 1);
        assertThat(events).hasSize(1);
        EventSchemas.assertMatchesSchema(events.getFirst());
        JsonNode data = json.readTree(events.getFirst()).path("data");
        assertThat(data.path("attachment").path("id").asLong())
                .isEqualTo(attachment.path("id").asLong());
        assertThat(data.path("actor").asLong()).isEqualTo(sender.id());
    }

    /** A message of {@code from} to the recipient, in a conversation numbered like the message. */
    private long message(TestUser from, boolean deleted) {
        long id = IDS.incrementAndGet();
        MESSAGES.message(id, id, from.id(), recipient.id(), deleted);
        return id;
    }

    private HttpResponse<String> upload(long message, TestUser as, String name, byte[] content) throws Exception {
        return send(attachmentsPath(message), as, name, content);
    }

    private static String attachmentsPath(long message) {
        return "/api/conversations/" + message + "/messages/" + message + "/attachments/";
    }

    private URI uri(long conversation, long message) {
        return URI.create("http://localhost:" + port + "/api/conversations/" + conversation + "/messages/" + message
                + "/attachments/");
    }

    private HttpResponse<String> send(String path, TestUser as, String name, byte[] content) throws Exception {
        return send(path, as, name, content, "file");
    }

    private HttpResponse<String> send(String path, TestUser as, String name, byte[] content, String field)
            throws Exception {
        Multipart form = Multipart.file(field, name, content);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TestTokens.of(as))
                        .header("Content-Type", form.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> objectsOf(long message) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : store().listObjects(ListObjectsArgs.builder()
                .bucket(settings.bucket())
                .prefix("m/" + message + "/")
                .recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private MinioClient store() {
        return MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
    }
}
