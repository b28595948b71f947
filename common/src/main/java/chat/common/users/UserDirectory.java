package chat.common.users;

import chat.common.security.ChatCaller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own copy of the user directory, kept in its own database (spec B.3). It answers
 * who a user id is; the feed and the callers' tokens keep it current.
 */
public class UserDirectory {

    private static final String COLUMNS =
            "id, username, first_name, last_name, profile_picture, score, rank, role, in_game_ids::text as in_game_ids";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<UserProfile> rows;
    private final Cache<Long, Boolean> known =
            Caffeine.newBuilder().maximumSize(100_000).build();

    public UserDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = (rs, n) -> new UserProfile(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("profile_picture"),
                rs.getLong("score"),
                rs.getString("rank"),
                rs.getString("role"),
                json.readTree(rs.getString("in_game_ids")));
    }

    public Optional<UserProfile> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from directory_user where id = ?")
                .param(id)
                .query(rows)
                .optional();
    }

    /** Whether {@code id} is a user. Users are never removed, so a yes is remembered. */
    public boolean knows(long id) {
        if (known.getIfPresent(id) != null) {
            return true;
        }
        boolean exists = jdbc.sql("select exists(select 1 from directory_user where id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
        if (exists) {
            known.put(id, Boolean.TRUE);
        }
        return exists;
    }

    /** The profile of {@code id}, or the empty profile of {@link UserProfile#unknown(long)}. */
    public UserProfile render(long id) {
        return find(id).orElseGet(() -> UserProfile.unknown(id));
    }

    /** Every id of {@code ids} rendered, in one query. */
    public Map<Long, UserProfile> renderAll(Collection<Long> ids) {
        Map<Long, UserProfile> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select " + COLUMNS + " from directory_user where id = any(?)")
                    .param(ids.toArray(Long[]::new))
                    .query(rows)
                    .list()
                    .forEach(p -> found.put(p.id(), p));
        }
        ids.forEach(id -> found.computeIfAbsent(id, UserProfile::unknown));
        return found;
    }

    /** Stores a whole profile from the feed, which is authoritative for every field. */
    public void save(UserProfile profile) {
        jdbc.sql("""
                        insert into directory_user
                            (id, username, first_name, last_name, profile_picture, score, rank, role, in_game_ids, updated_at)
                        values (:id, :username, :first, :last, :picture, :score, :rank, :role, cast(:games as jsonb), now())
                        on conflict (id) do update set
                            username = excluded.username, first_name = excluded.first_name,
                            last_name = excluded.last_name, profile_picture = excluded.profile_picture,
                            score = excluded.score, rank = excluded.rank, role = excluded.role,
                            in_game_ids = excluded.in_game_ids, updated_at = now()
                        """)
                .param("id", profile.id())
                .param("username", profile.username())
                .param("first", profile.firstName())
                .param("last", profile.lastName())
                .param("picture", profile.profilePicture())
                .param("score", profile.score())
                .param("rank", profile.rank())
                .param("role", profile.role())
                .param("games", json.writeValueAsString(profile.inGameIds()))
                .update();
    }

    /**
     * Refreshes what a token says about its own user (username, names, picture), leaving score,
     * rank, role and in-game ids to the feed. Writes only when something changed.
     */
    public void refresh(ChatCaller caller) {
        String username = caller.username() == null ? "" : caller.username();
        jdbc.sql("""
                        insert into directory_user (id, username, first_name, last_name, profile_picture)
                        values (:id, :username, :first, :last, :picture)
                        on conflict (id) do update set
                            username = excluded.username, first_name = excluded.first_name,
                            last_name = excluded.last_name, profile_picture = excluded.profile_picture,
                            updated_at = now()
                        where (directory_user.username, directory_user.first_name, directory_user.last_name,
                               directory_user.profile_picture)
                              is distinct from (excluded.username, excluded.first_name, excluded.last_name,
                               excluded.profile_picture)
                        """)
                .param("id", caller.userId())
                .param("username", username)
                .param("first", caller.firstName() == null ? "" : caller.firstName())
                .param("last", caller.lastName() == null ? "" : caller.lastName())
                .param("picture", caller.picture())
                .update();
    }
}
