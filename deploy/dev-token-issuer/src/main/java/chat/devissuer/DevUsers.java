package chat.devissuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registered users, by username. Ids are assigned in order from 1 and never reused; the list
 * is rewritten to the state folder after each change, so a restart keeps every id.
 */
final class DevUsers {

    private final @Nullable Path file;
    private final JsonMapper json;
    private final Map<String, DevUser> byUsername = new LinkedHashMap<>();

    DevUsers(@Nullable Path stateDir, JsonMapper json) {
        this.file = stateDir == null ? null : stateDir.resolve("users.json");
        this.json = json;
        if (file != null && Files.exists(file)) {
            List<DevUser> saved = json.readValue(file.toFile(), new TypeReference<List<DevUser>>() {});
            saved.forEach(user -> byUsername.put(user.profile().username(), user));
        }
    }

    /**
     * Registers a new user, or updates the profile of an existing username (keeping its id): a
     * frontend developer can post the same user at every start and always get the same id.
     */
    synchronized DevUser register(DevUserRequest request) {
        DevUser existing = byUsername.get(request.username());
        long id = existing != null ? existing.id() : nextId();
        DevUser user = new DevUser(request.toProfile(id), request.staff());
        byUsername.put(user.profile().username(), user);
        persist();
        return user;
    }

    private long nextId() {
        return byUsername.values().stream().mapToLong(DevUser::id).max().orElse(0) + 1;
    }

    private void persist() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("users.json.tmp");
            json.writeValue(temporary.toFile(), new ArrayList<>(byUsername.values()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
