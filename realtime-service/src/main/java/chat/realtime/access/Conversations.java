package chat.realtime.access;

import chat.common.internal.InternalApiClients;
import chat.realtime.delivery.ConversationParticipants;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The participants of conversations, from conversation-service's internal API or its
 * {@code chat.conversation.created} events. They never change, so answers are kept in memory,
 * for the most recently used conversations.
 */
@Component
public class Conversations implements ConversationParticipants {

    static final int REMEMBERED = 100_000;

    private final RestClient conversationService;
    private final Cache<Long, List<Long>> participants =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    /** Conversations announced here: events of the same conversation may be delivered more than once. */
    private final Cache<Long, Boolean> announced =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    Conversations(InternalApiClients clients, @Value("${chat.conversation-service.url}") URI url) {
        this.conversationService = clients.to(url);
    }

    @Override
    public Optional<List<Long>> participants(long conversation) {
        List<Long> known = participants.getIfPresent(conversation);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Answer answer = conversationService
                    .get()
                    .uri("/internal/conversations/{id}", conversation)
                    .retrieve()
                    .body(Answer.class);
            if (answer == null) {
                return Optional.empty();
            }
            List<Long> users = List.copyOf(answer.participants());
            participants.put(conversation, users);
            return Optional.of(users);
        } catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
    }

    /** Keeps the participants of a new conversation; true the first time it is told here. */
    public boolean learn(long conversation, List<Long> users) {
        participants.put(conversation, List.copyOf(users));
        return announced.asMap().putIfAbsent(conversation, Boolean.TRUE) == null;
    }

    record Answer(long id, List<Long> participants) {}
}
