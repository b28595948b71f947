package chat.realtime.frames;

import chat.common.users.UserDirectory;
import chat.common.users.UserProfile;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Users as events show them, kept for a few seconds: every new message names its sender, and a
 * conversation's messages mostly come from the same two users. A changed name or picture reaches
 * live events within that time (the directory itself is updated at once).
 */
@Component
public class UserViews {

    static final Duration LIFETIME = Duration.ofSeconds(10);

    private final LongFunction<UserProfile> directory;
    private final Cache<Long, UserView> recent;

    @Autowired
    UserViews(UserDirectory users) {
        this(users::render);
    }

    private UserViews(LongFunction<UserProfile> directory) {
        this.directory = directory;
        this.recent = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(LIFETIME)
                .build();
    }

    /** Users as {@code directory} renders them, as the service's {@link UserDirectory} does. */
    public static UserViews rendering(LongFunction<UserProfile> directory) {
        return new UserViews(directory);
    }

    public UserView of(long id) {
        return recent.get(id, user -> UserView.of(directory.apply(user)));
    }
}
