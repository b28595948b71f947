package chat.conversation.conversations;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The conversations: every write of a row goes through here and through {@link Conversation}'s
 * methods, never past them.
 */
public interface Conversations extends Repository<Conversation, Long> {

    Optional<Conversation> findById(long id);

    /**
     * The conversation, its row locked until the transaction ends: its message events are applied
     * one at a time, whether Kafka or the writer's push brings them.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Conversation c where c.id = :id")
    Optional<Conversation> lockById(long id);

    /**
     * Creates the pair's conversation unless it exists; whether this call created it. Of two
     * transactions that start the same pair at once, the second waits for the first to commit
     * and then creates nothing: the unique ordered pair decides, not a read before the write.
     */
    default boolean insertIfAbsent(Pair pair) {
        return insertIfAbsent(pair.low(), pair.high()) == 1;
    }

    @Modifying
    @Query(value = """
            insert into conversation (user_low, user_high) values (:low, :high)
            on conflict (user_low, user_high) do nothing""", nativeQuery = true)
    int insertIfAbsent(long low, long high);

    default Optional<Conversation> findByPair(Pair pair) {
        return findByPair(pair.low(), pair.high());
    }

    @Query("select c from Conversation c where c.userLow = :low and c.userHigh = :high")
    Optional<Conversation> findByPair(long low, long high);

    /** The caller's conversations, most recent activity first (spec B.8). */
    @Query("""
            select c from Conversation c where c.userLow = :userId or c.userHigh = :userId
            order by c.lastActivityAt desc, c.id desc""")
    List<Conversation> findAllOf(long userId);

    @Query("select count(c) from Conversation c where c.userLow = :userId or c.userHigh = :userId")
    long countOf(long userId);

    @Query("""
            select c from Conversation c where c.userLow = :userId or c.userHigh = :userId
            order by c.lastActivityAt desc, c.id desc""")
    List<Conversation> findPageOf(long userId, Pageable page);

    @Query("select c from Conversation c order by c.lastActivityAt desc, c.id desc")
    List<Conversation> findPageByActivity(Pageable page);

    long count();

    /** Every conversation, for staff. */
    @Query("select c from Conversation c order by c.lastActivityAt desc, c.id desc")
    List<Conversation> findAllByActivity();
}
