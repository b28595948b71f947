package chat.conversation.users;

import chat.common.security.ChatCaller;
import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/users/me/} (spec B.15): the caller's User, with {@code is_staff}. */
@RestController
class MeController {

    private final UserDirectory users;

    MeController(UserDirectory users) {
        this.users = users;
    }

    @GetMapping({"/api/users/me", "/api/users/me/"})
    @Operation(operationId = "getCurrentUser", summary = "(ext) The caller's own User, with `is_staff` (spec B.15)")
    Me me(ChatCaller caller) {
        return new Me(users.render(caller.userId()), caller.staff());
    }

    @Schema(name = "CurrentUser", description = "The caller's User (spec A.2.1) with `is_staff` (spec A.1.3, B.2).")
    record Me(
            @JsonUnwrapped UserProfile user,
            @JsonProperty("is_staff") boolean staff) {}
}
