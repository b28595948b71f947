package chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ApiDocumentChecks;
import chat.testsupport.DocumentedCalls;
import chat.testsupport.Multipart;
import chat.testsupport.SampleFiles;
import chat.testsupport.TestUser;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** attachment-service's OpenAPI document against the service, operation by operation. */
class ApiDocumentIntegrationTests extends ApiDocumentChecks {

    static final FakeMessageService MESSAGES = new FakeMessageService();
    /** Stands for conversation-service: only its {@code /internal/events} is called. */
    static final FakeMessageService CONVERSATIONS = new FakeMessageService();

    private static final AtomicLong IDS = new AtomicLong(9_000_000 + (System.nanoTime() & 0xFFFFF));

    @DynamicPropertySource
    static void messageService(DynamicPropertyRegistry registry) {
        registry.add("chat.message-service.url", MESSAGES::uri);
        registry.add("chat.conversation-service.url", CONVERSATIONS::uri);
    }

    @AfterAll
    static void stopFakes() {
        MESSAGES.close();
        CONVERSATIONS.close();
    }

    @Override
    protected void exercise(DocumentedCalls api) throws Exception {
        TestUser sender = user("sender", false);
        TestUser recipient = user("recipient", false);
        TestUser outsider = user("outsider", false);
        TestUser staff = user("staff", true);
        long message = IDS.incrementAndGet();
        MESSAGES.message(message, message, sender.id(), recipient.id(), false);
        long deleted = IDS.incrementAndGet();
        MESSAGES.message(deleted, deleted, sender.id(), recipient.id(), true);
        String path = "/api/conversations/" + message + "/messages/" + message + "/attachments/";
        Multipart png = Multipart.file("file", "photo.png", SampleFiles.png());

        assertThat(api.upload(path, sender, png).body().path("message").asLong())
                .isEqualTo(message);
        assertThat(api.upload(path, staff, png).status()).isEqualTo(201);
        assertThat(api.upload(path, recipient, png).status()).isEqualTo(403);
        assertThat(api.upload(path, outsider, png).status()).isEqualTo(404);
        assertThat(api.upload(
                                "/api/conversations/" + (message + 1) + "/messages/" + message + "/attachments/",
                                sender,
                                png)
                        .status())
                .isEqualTo(404);
        assertThat(api.upload("/api/conversations/" + deleted + "/messages/" + deleted + "/attachments/", sender, png)
                        .status())
                .isEqualTo(400);
        assertThat(api.upload(path, sender, Multipart.file("file", "page.png", SampleFiles.html()))
                        .body()
                        .path("errors")
                        .has("file"))
                .isTrue();
        assertThat(api.upload(path, sender, Multipart.file("other", "photo.png", SampleFiles.png()))
                        .status())
                .isEqualTo(400);
        assertThat(api.send("POST", path, sender, "application/json", "{}".getBytes(), Map.of())
                        .status())
                .isEqualTo(415);
        assertThat(api.send("POST", path, null, png.contentType(), png.body(), Map.of())
                        .status())
                .isEqualTo(401);
    }

    private static TestUser user(String name, boolean staff) {
        return new TestUser(IDS.incrementAndGet(), name, staff);
    }
}
