package chat.usersync;

import chat.common.events.CloudEventRecords;
import chat.common.events.EventEnvelope;
import chat.common.events.Topics;
import chat.common.users.UserFeed;
import chat.common.users.UserProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * One pass over the realm: every user with a chat user id becomes a {@code chat.user.updated}
 * event keyed by that id on the compacted {@link Topics#USERS}, the envelope and data exactly as
 * the platform's feed. Only profiles that changed since this process last sent them are sent
 * again; the digests live in memory, so a new process sends everything once, which compaction
 * absorbs.
 */
class UserSync {

    static final String SOURCE = "/keycloak-user-sync";
    private static final Logger log = LoggerFactory.getLogger(UserSync.class);

    private final KeycloakUsers realm;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    /** The digest of the last profile the broker acknowledged, per user id. */
    private final Map<Long, String> sent = new HashMap<>();

    UserSync(KeycloakUsers realm, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.realm = realm;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Runs once; the schedule and {@code POST /sync} never overlap, they wait for each other. */
    synchronized SyncReport run() {
        List<KeycloakUser> users = realm.all();
        Map<Long, List<UserProfile>> byId = new LinkedHashMap<>();
        int skipped = 0;
        for (KeycloakUser user : users) {
            Optional<UserProfile> profile = user.profile(json);
            if (profile.isEmpty()) {
                skipped++;
                continue;
            }
            byId.computeIfAbsent(profile.get().id(), id -> new ArrayList<>()).add(profile.get());
        }
        int conflicting = 0;
        int unchanged = 0;
        Map<Long, String> digests = new LinkedHashMap<>();
        Map<Long, CompletableFuture<SendResult<String, String>>> sending = new LinkedHashMap<>();
        for (Map.Entry<Long, List<UserProfile>> entry : byId.entrySet()) {
            List<UserProfile> profiles = entry.getValue();
            if (profiles.size() > 1) {
                // Publishing either would show one person's name on the other's messages.
                conflicting += profiles.size();
                log.warn(
                        "user_id {} is given to several realm users ({}): none of them is published until it is fixed",
                        entry.getKey(),
                        profiles.stream().map(UserProfile::username).toList());
                continue;
            }
            UserProfile profile = profiles.getFirst();
            String data = json.writeValueAsString(profile);
            String digest = digest(data);
            if (digest.equals(sent.get(profile.id()))) {
                unchanged++;
                continue;
            }
            String key = Long.toString(profile.id());
            EventEnvelope event =
                    EventEnvelope.of(UserFeed.PROFILE_UPDATED, SOURCE, key, json.readTree(data), clock.instant());
            digests.put(profile.id(), digest);
            sending.put(
                    profile.id(), kafka.send(CloudEventRecords.of(Topics.USERS, key, json.writeValueAsString(event))));
        }
        int failed = 0;
        for (Map.Entry<Long, CompletableFuture<SendResult<String, String>>> send : sending.entrySet()) {
            try {
                send.getValue().get(30, TimeUnit.SECONDS);
                sent.put(send.getKey(), digests.get(send.getKey()));
            } catch (ExecutionException | TimeoutException e) {
                // Not remembered as sent, so the next run tries again.
                failed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing profiles", e);
            }
        }
        if (failed > 0) {
            throw new IllegalStateException("Kafka did not take " + failed + " of " + sending.size() + " profiles");
        }
        SyncReport report = new SyncReport(users.size(), sending.size(), unchanged, skipped, conflicting);
        log.info("{}", report);
        return report;
    }

    private static String digest(String data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
