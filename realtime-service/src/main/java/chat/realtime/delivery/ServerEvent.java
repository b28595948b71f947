package chat.realtime.delivery;

import java.util.List;

/**
 * One event for a conversation's sockets, as sent: its frame's text, when the writing service
 * created it (epoch milliseconds, 0 if unknown), and the conversation's participants, whose user
 * streams hear it too (empty when the event did not say, as events written before they carried
 * them: then they are looked up).
 */
public record ServerEvent(long conversation, long seq, String text, long createdAtMillis, List<Long> participants) {

    public ServerEvent {
        participants = List.copyOf(participants);
    }
}
