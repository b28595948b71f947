package chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.devissuer.DevUser;
import chat.testsupport.ServiceCalls;
import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.ServiceIntegrationTest;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class ConversationServiceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final ServiceCalls api = ServiceCalls.onPort(() -> port);

    @Test
    void answersReadinessWithoutAToken() throws Exception {
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutATokenWithAJsonDetail() throws Exception {
        Reply reply = get("/api/conversations/", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("detail").asString()).isEqualTo("Authentication credentials were not provided.");
    }

    static Stream<String> badTokens() {
        TestUser alice = Users.alice();
        return Stream.of(
                TestTokens.expired(alice),
                TestTokens.malformed(),
                TestTokens.signedByUnknownKey(alice),
                TestTokens.fromForeignIssuer(alice),
                TestTokens.withoutUserId(alice),
                TestTokens.withUserIdAsText(alice));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void refusesEveryBadTokenWith401AndSaysWhy(String token) throws Exception {
        Reply reply = get("/api/conversations/", token);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("detail").asString()).startsWith("The access token is invalid:");
    }

    @Test
    void listsNoConversationsForANewUser() throws Exception {
        TestUser newcomer = new TestUser(2_000_000 + (System.nanoTime() & 0xFFFF), "newcomer", false);
        Reply reply = get("/api/conversations/", TestTokens.of(newcomer));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().isArray()).isTrue();
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void servesTheSamePathWithoutTheTrailingSlash() throws Exception {
        assertThat(get("/api/conversations", TestTokens.of(Users.alice())).status())
                .isEqualTo(200);
    }

    @Test
    void showsAConversationToItsParticipantsAndStaffOnly() throws Exception {
        long id = conversationBetween(Users.alice(), Users.bob());
        // bob's own first request puts his token's profile into the directory
        get("/api/users/me/", TestTokens.of(Users.bob()));

        Reply forAlice = get("/api/conversations/" + id + "/", TestTokens.of(Users.alice()));
        assertThat(forAlice.status()).isEqualTo(200);
        assertThat(forAlice.body().path("participants").findValuesAsString("username"))
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(forAlice.body().has("last_message")).isTrue();

        assertThat(get("/api/conversations/" + id + "/", TestTokens.of(Users.admin()))
                        .status())
                .isEqualTo(200);
        assertThat(idsIn(get("/api/conversations/", TestTokens.of(Users.admin()))))
                .contains(id);

        Reply forOutsider = get("/api/conversations/" + id + "/", TestTokens.of(Users.outsider()));
        assertThat(forOutsider.status()).isEqualTo(404);
        assertThat(forOutsider.body().path("detail").asString()).isEqualTo("Not found.");
        assertThat(idsIn(get("/api/conversations/", TestTokens.of(Users.outsider()))))
                .doesNotContain(id);
    }

    @Test
    void answers404ForAnUnknownOrNonNumericConversation() throws Exception {
        String token = TestTokens.of(Users.alice());
        assertThat(get("/api/conversations/987654321/", token).status()).isEqualTo(404);
        assertThat(get("/api/conversations/abc/", token).status()).isEqualTo(404);
    }

    @Test
    void answersUnknownPathsAndWrongMethodsWithAJsonDetail() throws Exception {
        String token = TestTokens.of(Users.alice());
        Reply unknown = get("/api/nothing-here/", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asString()).isEqualTo("Not found.");

        Reply delete = api.withToken("DELETE", "/api/conversations/", token, null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void rendersTheCallerWithAllUserFieldsFromTheFeedAndTheToken() throws Exception {
        DevUser registered = TestTokens.trusted().register("feed-user-" + System.nanoTime(), false);
        String token = TestTokens.trusted().tokenFor(registered);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Reply me = get("/api/users/me/", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(fieldNames(me.body()))
                    .containsExactlyInAnyOrder(
                            "id",
                            "username",
                            "first_name",
                            "last_name",
                            "profile_picture",
                            "score",
                            "rank",
                            "role",
                            "in_game_ids",
                            "is_staff");
            assertThat(me.body().path("id").asLong()).isEqualTo(registered.id());
            assertThat(me.body().path("username").asString())
                    .isEqualTo(registered.profile().username());
            assertThat(me.body().path("in_game_ids").isArray()).isTrue();
            assertThat(me.body().path("is_staff").asBoolean()).isFalse();
        });
    }

    @Test
    void learnsProfilesFromTheFeedBeforeTheUserEverCalls() {
        DevUser registered = TestTokens.trusted().register("silent-" + System.nanoTime(), false);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("select username from directory_user where id = ?")
                                .param(registered.id())
                                .query(String.class)
                                .optional())
                        .contains(registered.profile().username()));
    }

    @Test
    void marksStaffFromTheRealmRole() throws Exception {
        Reply me = get("/api/users/me/", TestTokens.of(Users.admin()));
        assertThat(me.body().path("is_staff").asBoolean()).isTrue();
    }

    private long conversationBetween(TestUser one, TestUser other) {
        return jdbc.sql("""
                        insert into conversation (user_low, user_high) values (?, ?)
                        on conflict (user_low, user_high) do update set user_low = excluded.user_low
                        returning id""")
                .params(Math.min(one.id(), other.id()), Math.max(one.id(), other.id()))
                .query(Long.class)
                .single();
    }

    private static List<Long> idsIn(Reply reply) {
        return reply.body().findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }

    private Reply get(String path, String token) throws Exception {
        return api.withToken("GET", path, token, null);
    }
}
