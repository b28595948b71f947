package chat.conversation.conversations;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Conversations extends Repository<Conversation, Long> {

    java.util.Optional<Conversation> findById(long id);

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
