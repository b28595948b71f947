package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One message (spec B.9, B.10): who sees it, edits it and deletes it. */
class EditingIntegrationTests extends MessageApiIntegrationTest {

    @Test
    void letsTheSenderAndStaffEditAndNobodyElse() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "first");

        Reply edited = api.call(
                "PATCH",
                "/api/messages/" + id + "/",
                alice,
                "{\"content\": \"second\", \"sender\": 1, \"is_deleted\": true, \"id\": 5}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("content").asString()).isEqualTo("second");
        assertThat(edited.body().path("is_edited").asBoolean()).isTrue();
        assertThat(edited.body().path("is_deleted").asBoolean()).isFalse();
        assertThat(edited.body().path("id").asLong()).isEqualTo(id);

        Reply put = api.call("PUT", "/api/messages/" + id + "/", alice, "{\"content\": \"third\"}");
        assertThat(put.body().path("content").asString()).isEqualTo("third");
        assertThat(api.call("PUT", "/api/messages/" + id + "/", alice, "{\"is_read\": true}")
                        .status())
                .isEqualTo(400);

        Reply byOther = api.call("PATCH", "/api/messages/" + id + "/", bob, "{\"content\": \"mine now\"}");
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.body().path("detail").asString()).isNotBlank();
        assertThat(api.call("PATCH", "/api/messages/" + id + "/", Users.fresh("mallory"), "{\"content\": \"x\"}")
                        .status())
                .isEqualTo(404);
        Reply byStaff = api.call("PATCH", "/api/messages/" + id + "/", admin(), "{\"content\": \"moderated\"}");
        assertThat(byStaff.status()).isEqualTo(200);
        assertThat(byStaff.body().path("content").asString()).isEqualTo("moderated");
        assertThat(api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \" \"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/messages/" + id + "/", bob)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("moderated");
    }

    @Test
    void softDeletesForTheSenderAndStaffKeepingTheMessageInLists() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "secret");
        long other = messageFrom(alice, bob, "other");

        assertThat(api.call("DELETE", "/api/messages/" + id + "/", bob, null).status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/messages/" + id + "/", Users.fresh("mallory"), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/api/messages/" + id + "/", alice, null).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/messages/" + id + "/", alice, null).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/messages/" + other + "/", admin(), null)
                        .status())
                .isEqualTo(204);

        JsonNode deleted = api.get("/api/messages/" + id + "/", bob).body();
        assertThat(deleted.path("is_deleted").asBoolean()).isTrue();
        assertThat(deleted.path("content").asString()).isEmpty();
        assertThat(deleted.path("attachments")).isEmpty();
        long conversation = deleted.path("conversation").asLong();
        assertThat(history(conversation, bob, "").body().path("results").findValuesAsString("content"))
                .containsOnly("");
        Reply edit = api.call("PATCH", "/api/messages/" + id + "/", alice, "{\"content\": \"back\"}");
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body().path("detail").asString()).contains("deleted");
    }

    @Test
    void showsAMessageToParticipantsAndStaffOnly() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long id = messageFrom(alice, bob, "hi");
        assertThat(api.get("/api/messages/" + id + "/", alice).status()).isEqualTo(200);
        assertThat(api.get("/api/messages/" + id + "/", bob).status()).isEqualTo(200);
        assertThat(api.get("/api/messages/" + id + "/", admin()).status()).isEqualTo(200);
        assertThat(api.get("/api/messages/" + id + "/", Users.fresh("mallory")).status())
                .isEqualTo(404);
        assertThat(api.get("/api/messages/" + id, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/messages/abc/", alice).status()).isEqualTo(404);
    }
}
