package chat.realtime.live;

import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server events of spec A.5.4 (and B.15's {@code message_read}, B.11's {@code attachment_added})
 * made from message-service's CloudEvents, live or replayed, each with its {@code conversation}
 * and the conversation's {@code seq}.
 */
@Component
public class ServerEvents {

    /**
     * Senders as events show them, for a few seconds: every new message names its sender, and a
     * conversation's messages mostly come from the same two users. A changed name or picture
     * reaches live events within that time (the directory itself is updated at once).
     */
    static final Duration PROFILE_LIFETIME = Duration.ofSeconds(10);

    private final UserDirectory users;
    private final JsonMapper json;
    private final Cache<Long, Map<String, Object>> recentUsers;

    ServerEvents(UserDirectory users, JsonMapper json) {
        this.users = users;
        this.json = json;
        this.recentUsers = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(PROFILE_LIFETIME)
                .build();
    }

    /** The server event for {@code event}, or empty for a type sockets do not hear. */
    public Optional<ServerEvent> of(JsonNode event) {
        JsonNode data = event.path("data");
        Map<String, Object> out = new LinkedHashMap<>();
        switch (event.path("type").asString()) {
            case "chat.message.created" -> {
                JsonNode message = data.path("message");
                Map<String, Object> messageView = new LinkedHashMap<>();
                messageView.put("id", message.path("id").asLong());
                messageView.put("sender", user(message.path("sender").asLong()));
                messageView.put("content", message.path("content").asString());
                messageView.put("timestamp", message.path("timestamp").asString());
                // never an attachments field: clients fetch the message for them (spec A.5.4)
                out.put("type", "new_message");
                out.put("message", messageView);
                if (data.hasNonNull("client_id")) {
                    out.put("client_id", data.path("client_id").asString());
                }
            }
            case "chat.message.edited" -> {
                out.put("type", "message_edited");
                out.put(
                        "message",
                        Map.of(
                                "id", data.path("message").path("id").asLong(),
                                "content", data.path("message").path("content").asString()));
            }
            case "chat.message.deleted" -> {
                out.put("type", "message_deleted");
                out.put("message_id", data.path("message").path("id").asLong());
            }
            case "chat.message.attachment_added" -> {
                // the file link is signed at each read: clients fetch the message for it
                out.put("type", "attachment_added");
                out.put("message_id", data.path("message").asLong());
                out.put("attachment", data.path("attachment"));
            }
            case "chat.message.read" -> {
                out.put("type", "message_read");
                out.put("reader", data.path("actor").asLong());
                if (data.has("up_to")) {
                    out.put("up_to", data.path("up_to").asLong());
                }
                if (data.has("message_ids")) {
                    out.put("message_ids", data.path("message_ids"));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        long conversation = data.path("conversation").asLong();
        long seq = data.path("seq").asLong();
        // the user stream mixes conversations; on a conversation's socket it is redundant but harmless
        out.put("conversation", conversation);
        out.put("seq", seq);
        return Optional.of(new ServerEvent(conversation, seq, json.writeValueAsString(out), createdAtMillis(event)));
    }

    /** When the writing service created the event ({@code time}), 0 if it does not say. */
    private static long createdAtMillis(JsonNode event) {
        try {
            return Instant.parse(event.path("time").asString()).toEpochMilli();
        } catch (DateTimeParseException notATime) {
            return 0;
        }
    }

    /** A user as server events show one: {@code id}, {@code username}, {@code profile_picture}. */
    public Map<String, Object> user(long id) {
        return recentUsers.get(id, this::render);
    }

    private Map<String, Object> render(long id) {
        UserProfile profile = users.render(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", profile.id());
        view.put("username", profile.username());
        view.put("profile_picture", profile.profilePicture());
        return Collections.unmodifiableMap(view);
    }

    /**
     * One event for a conversation's sockets, as sent, and when the writing service created it
     * (epoch milliseconds, 0 if unknown).
     */
    public record ServerEvent(long conversation, long seq, String text, long createdAtMillis) {}
}
