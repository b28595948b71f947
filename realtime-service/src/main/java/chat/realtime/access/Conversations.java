package chat.realtime.access;

import chat.common.internal.InternalApiClients;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public class Conversations {

    static final int REMEMBERED = 100_000;

    private final RestClient conversationService;
    private final Map<Long, List<Long>> participants = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Long>> eldest) {
            return size() > REMEMBERED;
        }
    };
    // Guarded by participants; events of the same conversation may be delivered more than once.
    private final Map<Long, Boolean> announced = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    Conversations(InternalApiClients clients, @Value("${chat.conversation-service.url}") URI url) {
        this.conversationService = clients.to(url);
    }

    public Optional<List<Long>> participants(long conversation) {
        synchronized (participants) {
            List<Long> known = participants.get(conversation);
            if (known != null) {
                return Optional.of(known);
            }
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
            synchronized (participants) {
                participants.put(conversation, users);
            }
            return Optional.of(users);
        } catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
    }

    /** Keeps the participants of a new conversation; true the first time it is told here. */
    public boolean learn(long conversation, List<Long> users) {
        synchronized (participants) {
            participants.put(conversation, List.copyOf(users));
            return announced.put(conversation, Boolean.TRUE) == null;
        }
    }

    record Answer(long id, List<Long> participants) {}
}
