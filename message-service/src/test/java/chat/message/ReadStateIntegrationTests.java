package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import org.junit.jupiter.api.Test;

/** Read state (spec B.9, B.12): one message, or every message up to an id, by its recipient. */
class ReadStateIntegrationTests extends MessageApiIntegrationTest {

    @Test
    void letsOnlyTheRecipientMarkAMessageRead() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "read me");

        Reply bySender = api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"is_read\": true}");
        assertThat(bySender.status()).isEqualTo(200);
        assertThat(bySender.body().path("is_read").asBoolean()).isFalse();

        Reply byRecipient = api.call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": true}");
        assertThat(byRecipient.status()).isEqualTo(200);
        assertThat(byRecipient.body().path("is_read").asBoolean()).isTrue();
        assertThat(api.call("PATCH", "/api/messages/" + id + "/", bob, "{\"is_read\": \"yes\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void marksEverythingUpToAnIdReadForTheRecipient() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long first = messageFrom(alice, bob, "1");
        long second = messageFrom(alice, bob, "2");
        long third = messageFrom(alice, bob, "3");
        long conversation = conversationOfMessage(first, alice);

        Reply read =
                api.call("POST", "/api/conversations/" + conversation + "/read/", bob, "{\"up_to\": " + second + "}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("marked_read").asInt()).isEqualTo(2);
        assertThat(api.get("/api/messages/" + second + "/", alice)
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/messages/" + third + "/", alice)
                        .body()
                        .path("is_read")
                        .asBoolean())
                .isFalse();

        assertThat(api.call("POST", "/api/conversations/" + conversation + "/read/", bob, "{}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call(
                                "POST",
                                "/api/conversations/" + conversation + "/read/",
                                Users.fresh("mallory"),
                                "{\"up_to\": 1}")
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/conversations/" + conversation + "/read/", admin(), "{\"up_to\": 1}")
                        .status())
                .isEqualTo(403);
    }
}
