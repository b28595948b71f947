package chat.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class ChatCallerTests {

    @Test
    void readsTheIntegerUserIdAndTheProfileClaims() {
        ChatCaller caller = ChatCaller.from(jwt(Map.of(
                "user_id", 7L, "preferred_username", "alice", "given_name", "Alice", "picture", "https://p/a.png")));
        assertThat(caller.userId()).isEqualTo(7);
        assertThat(caller.username()).isEqualTo("alice");
        assertThat(caller.firstName()).isEqualTo("Alice");
        assertThat(caller.picture()).isEqualTo("https://p/a.png");
        assertThat(caller.staff()).isFalse();
    }

    @Test
    void refusesAUserIdThatIsNotAPositiveInteger() {
        for (Object bad : List.of("7", 7.5, 0L, -3L, true)) {
            assertThat(ChatCaller.userIdOf(Map.of("user_id", bad)))
                    .as("%s", bad)
                    .isNull();
        }
        assertThat(ChatCaller.userIdOf(Map.of())).isNull();
        assertThat(new CallerClaimsValidator(false)
                        .validate(jwt(Map.of("user_id", "7")))
                        .hasErrors())
                .isTrue();
        assertThat(new CallerClaimsValidator(false)
                        .validate(jwt(Map.of("user_id", 7)))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void makesStaffOfTheRealmRoleOrTheIsStaffClaim() {
        assertThat(ChatCaller.isStaff(Map.of("realm_access", Map.of("roles", List.of("chat-admin")))))
                .isTrue();
        assertThat(ChatCaller.isStaff(Map.of("is_staff", true))).isTrue();
        assertThat(ChatCaller.isStaff(Map.of("realm_access", Map.of("roles", List.of("default-roles-chat")))))
                .isFalse();
        assertThat(ChatCaller.isStaff(Map.of("is_staff", "true"))).isFalse();
    }

    @Test
    void admitsAServiceTokenOnlyWhereServicesAreAdmitted() {
        Jwt service = jwt(Map.of("azp", "message-service", "realm_access", Map.of("roles", List.of("chat-service"))));
        assertThat(new CallerClaimsValidator(true).validate(service).hasErrors())
                .isFalse();
        assertThat(new CallerClaimsValidator(false).validate(service).hasErrors())
                .isTrue();
        assertThat(ChatJwt.authentication(service).getAuthorities())
                .extracting(Object::toString)
                .containsExactly(ChatJwt.SERVICE_AUTHORITY);
        assertThat(ChatJwt.authentication(service).getName()).isEqualTo("message-service");
    }

    @Test
    void grantsTheStaffAuthorityToStaffOnly() {
        Map<String, Object> staff = new HashMap<>(Map.of("user_id", 1L));
        staff.put("is_staff", true);
        assertThat(ChatJwt.authentication(jwt(staff)).getAuthorities())
                .extracting(Object::toString)
                .contains(ChatJwt.STAFF_AUTHORITY);
        assertThat(ChatJwt.authentication(jwt(Map.of("user_id", 2L))).getAuthorities())
                .extracting(Object::toString)
                .doesNotContain(ChatJwt.STAFF_AUTHORITY);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .build();
    }
}
