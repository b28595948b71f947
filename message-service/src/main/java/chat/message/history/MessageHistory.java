package chat.message.history;

import chat.common.security.ChatCaller;
import chat.common.web.InvalidRequest;
import chat.common.web.Paging;
import chat.message.conversations.KnownConversations;
import chat.message.messages.Message;
import chat.message.messages.Messages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A conversation's messages, newest first (spec B.8): by page number, or by id cursor
 * ({@code before}/{@code after} a message id), which stays stable while new messages arrive and
 * reads only the rows of the page however deep it is.
 */
@Service
@Transactional(readOnly = true)
public class MessageHistory {

    private final Messages messages;
    private final KnownConversations conversations;
    private final JdbcClient jdbc;

    MessageHistory(Messages messages, KnownConversations conversations, JdbcClient jdbc) {
        this.messages = messages;
        this.conversations = conversations;
        this.jdbc = jdbc;
    }

    public Slice of(ChatCaller caller, long conversation, Query query) {
        conversations.visibleTo(conversation, caller);
        long count = jdbc.sql(
                        "select coalesce(max(message_count), 0) from conversation_sequence where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
        if (query.before() != null) {
            List<Message> page = messages.before(conversation, query.before(), query.size());
            return new Slice(page, count, hasOlder(conversation, page), true);
        }
        if (query.after() != null) {
            List<Message> page = new ArrayList<>(messages.after(conversation, query.after(), query.size()));
            Collections.reverse(page);
            return new Slice(page, count, hasOlder(conversation, page), hasNewer(conversation, page));
        }
        Paging paging = query.paging();
        return new Slice(messages.page(conversation, paging.size(), paging.offset()), count, false, false);
    }

    private boolean hasOlder(long conversation, List<Message> page) {
        return !page.isEmpty()
                && messages.anyBefore(conversation, page.getLast().id());
    }

    private boolean hasNewer(long conversation, List<Message> page) {
        return !page.isEmpty()
                && messages.anyAfter(conversation, page.getFirst().id());
    }

    /**
     * One page; {@code count} is every message of the conversation. In cursor mode
     * {@code older}/{@code newer} say whether there is more on either side.
     */
    public record Slice(List<Message> messages, long count, boolean older, boolean newer) {}

    /** What the client asked for: a page number, or a cursor, and a page size. */
    public record Query(
            Paging paging, @Nullable Long before, @Nullable Long after) {

        public static Query of(
                @Nullable String page, @Nullable String pageSize, @Nullable String before, @Nullable String after) {
            if (before != null && after != null) {
                throw InvalidRequest.of("before", "Give either before or after, not both.");
            }
            Long beforeId = cursor("before", before);
            Long afterId = cursor("after", after);
            Paging paging = beforeId == null && afterId == null
                    ? Paging.of(page, pageSize)
                    : new Paging(1, Paging.size(pageSize));
            return new Query(paging, beforeId, afterId);
        }

        public int size() {
            return paging.size();
        }

        public boolean byCursor() {
            return before != null || after != null;
        }

        private static @Nullable Long cursor(String name, @Nullable String value) {
            if (value == null) {
                return null;
            }
            try {
                long id = Long.parseLong(value.strip());
                if (id >= 0) {
                    return id;
                }
            } catch (NumberFormatException ignored) {
                // refused below
            }
            throw InvalidRequest.of(name, "A message id (a non-negative integer) is required.");
        }
    }
}
