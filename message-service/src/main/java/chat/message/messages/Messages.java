package chat.message.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

public interface Messages extends Repository<Message, Long> {

    Message save(Message message);

    Optional<Message> findById(long id);

    /** Newest first, from the newest. */
    @Query(
            value = "select * from message where conversation_id = ?1 order by id desc limit ?2 offset ?3",
            nativeQuery = true)
    List<Message> page(long conversationId, int size, long offset);

    /** Newest first, older than {@code before} (keyset: as fast on page 5,000 as on page 1). */
    @Query(
            value = "select * from message where conversation_id = ?1 and id < ?2 order by id desc limit ?3",
            nativeQuery = true)
    List<Message> before(long conversationId, long before, int size);

    /** The {@code size} messages just newer than {@code after}, oldest first. */
    @Query(
            value = "select * from message where conversation_id = ?1 and id > ?2 order by id asc limit ?3",
            nativeQuery = true)
    List<Message> after(long conversationId, long after, int size);

    @Query(value = "select exists(select 1 from message where conversation_id = ?1 and id < ?2)", nativeQuery = true)
    boolean anyBefore(long conversationId, long id);

    @Query(value = "select exists(select 1 from message where conversation_id = ?1 and id > ?2)", nativeQuery = true)
    boolean anyAfter(long conversationId, long id);

    @Query(
            value = "select * from message where sender_id = ?1 and client_id = ?2 and conversation_id = ?3",
            nativeQuery = true)
    Optional<Message> findByClientId(long senderId, String clientId, long conversationId);

    /**
     * {@link Message#markRead}'s rule for every message of a conversation up to an id, in one
     * statement: only what {@code reader} received, and a read message keeps the time it was first
     * read. The number of messages this marked read.
     */
    @Modifying
    @Query("""
            update Message m set m.readAt = :at
            where m.conversationId = :conversation and m.recipientId = :reader and m.id <= :upTo
            and m.readAt is null""")
    int markReadUpTo(
            @Param("conversation") long conversation,
            @Param("reader") long reader,
            @Param("upTo") long upTo,
            @Param("at") Instant at);
}
