package chat.message;

import chat.message.FakeConversationService.WithFakeConversationService;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestUser;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tests of message-service's API share: the service on real infrastructure, wired to the
 * fake conversation-service, its events on Kafka only, and the calls that make users,
 * conversations and messages. The classes that extend it (and
 * {@link MessageServiceIntegrationTests}) run in one application context.
 */
@ServiceIntegrationTest
@WithFakeConversationService
@TestPropertySource(properties = MessageApiIntegrationTest.KAFKA_ONLY)
abstract class MessageApiIntegrationTest {

    /**
     * The events reach their consumers through Kafka without any write-through, which
     * {@link WriteThroughIntegrationTests} covers.
     */
    static final String KAFKA_ONLY = "chat.events.write-through.[chat.message.v1]=";

    static final FakeConversationService CONVERSATIONS = FakeConversationService.shared();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    final ServiceCalls api = ServiceCalls.onPort(() -> port);

    static TestUser admin() {
        return new TestUser(999_999, "admin", true);
    }

    /** A user this service's directory knows: their own first request puts them there. */
    TestUser known(TestUser user) throws Exception {
        api.get("/api/messages/0/", user);
        return user;
    }

    long conversationOf(TestUser a, TestUser b) throws Exception {
        known(b);
        Reply first = send(a, "{\"content\": \"hello\", \"recipient_id\": " + b.id() + "}");
        return first.body().path("conversation").asLong();
    }

    long conversationOfMessage(long message, TestUser reader) throws Exception {
        return api.get("/api/messages/" + message + "/", reader)
                .body()
                .path("conversation")
                .asLong();
    }

    long messageFrom(TestUser sender, TestUser recipient, String content) throws Exception {
        known(recipient);
        return send(sender, json.writeValueAsString(Map.of("content", content, "recipient_id", recipient.id())))
                .body()
                .path("id")
                .asLong();
    }

    Reply send(TestUser sender, String body) throws Exception {
        return api.call("POST", "/api/messages/", sender, body);
    }

    Reply history(long conversation, TestUser user, String query) throws Exception {
        return api.get("/api/conversations/" + conversation + "/messages/" + query, user);
    }
}
