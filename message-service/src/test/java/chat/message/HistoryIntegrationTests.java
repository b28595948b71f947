package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A conversation's messages, newest first, by page or by id cursor (spec B.8). */
class HistoryIntegrationTests extends MessageApiIntegrationTest {

    @Test
    void pagesHistoryNewestFirstWithAbsoluteLinksOnThePublicAddress() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        for (int i = 1; i <= 25; i++) {
            api.call(
                    "POST",
                    "/api/conversations/" + conversation + "/messages/",
                    alice,
                    "{\"content\": \"m" + i + "\"}");
        }
        JsonNode first = api.call(
                        "GET",
                        "/api/conversations/" + conversation + "/messages/",
                        bob,
                        null,
                        Map.of(
                                "X-Forwarded-Host",
                                "chat.example.com",
                                "X-Forwarded-Proto",
                                "https",
                                "X-Forwarded-Port",
                                "443"))
                .body();
        assertThat(first.path("count").asLong()).isEqualTo(26);
        assertThat(first.path("results")).hasSize(20);
        assertThat(first.path("results").get(0).path("content").asString()).isEqualTo("m25");
        assertThat(first.path("next").asString())
                .startsWith("https://chat.example.com/api/conversations/" + conversation + "/messages/")
                .contains("page=2");
        assertThat(first.path("previous").isNull()).isTrue();

        JsonNode second = history(conversation, bob, "?page=2").body();
        assertThat(second.path("results")).hasSize(6);
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(second.path("previous").asString()).contains("page=1");

        assertThat(history(conversation, bob, "?page_size=500").body().path("results"))
                .hasSize(26);
        Reply past = history(conversation, bob, "?page=3");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.body().path("detail").asString()).isEqualTo("Invalid page.");
        assertThat(history(conversation, bob, "?page=0").status()).isEqualTo(404);
        assertThat(history(conversation, bob, "?page=x").status()).isEqualTo(404);
    }

    @Test
    void pagesHistoryByIdCursorsStableWhileMessagesArrive() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(api.call(
                            "POST",
                            "/api/conversations/" + conversation + "/messages/",
                            alice,
                            "{\"content\": \"c" + i + "\"}")
                    .body()
                    .path("id")
                    .asLong());
        }
        JsonNode older = history(conversation, bob, "?before=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(older.path("results").findValuesAsString("content")).containsExactly("c5", "c4", "c3");
        assertThat(older.path("next").asString()).contains("before=" + ids.get(2));
        assertThat(older.path("previous").asString()).contains("after=" + ids.get(4));

        api.call("POST", "/api/conversations/" + conversation + "/messages/", alice, "{\"content\": \"late\"}");
        JsonNode again = history(conversation, bob, "?before=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(again.path("results").findValuesAsString("content")).containsExactly("c5", "c4", "c3");

        JsonNode newer = history(conversation, bob, "?after=" + ids.get(5) + "&page_size=3")
                .body();
        assertThat(newer.path("results").findValuesAsString("content")).containsExactly("c9", "c8", "c7");
        assertThat(history(conversation, bob, "?before=abc").status()).isEqualTo(400);

        // scrolled past the oldest message (the one that started the conversation, before c1): an
        // empty page that leads back, not a 500
        JsonNode first = history(conversation, bob, "?before=" + ids.getFirst()).body();
        long oldest = first.path("results").get(0).path("id").asLong();
        Reply pastTheStart = history(conversation, bob, "?before=" + oldest + "&page_size=3");
        assertThat(pastTheStart.status()).isEqualTo(200);
        assertThat(pastTheStart.body().path("results")).isEmpty();
        assertThat(pastTheStart.body().path("next").isNull()).isTrue();
        assertThat(pastTheStart.body().path("previous").asString()).contains("after=" + (oldest - 1));
        JsonNode backAgain = history(conversation, bob, "?after=" + (oldest - 1) + "&page_size=3")
                .body();
        assertThat(backAgain.path("results").get(2).path("id").asLong()).isEqualTo(oldest);
        assertThat(backAgain.path("results").findValuesAsString("content")).startsWith("c2", "c1");
    }

    @Test
    void showsHistoryToParticipantsAndStaffOnly() throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long conversation = conversationOf(alice, bob);
        assertThat(history(conversation, bob, "").status()).isEqualTo(200);
        assertThat(history(conversation, admin(), "").status()).isEqualTo(200);
        Reply outsider = history(conversation, Users.fresh("mallory"), "");
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.body().path("detail").asString()).isEqualTo("Not found.");
        assertThat(history(99999999, alice, "").status()).isEqualTo(404);
    }

    @Test
    void refusesAPageNoStoreCanReachAsInvalid() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        for (String query :
                List.of("?page=2000000000", "?page=2147483647&page_size=100", "?page=2147483647&page_size=1")) {
            Reply past = history(conversation, alice, query);
            assertThat(past.status()).as(query).isEqualTo(404);
            assertThat(past.body().path("detail").asString()).as(query).isEqualTo("Invalid page.");
        }
    }
}
