package chat.realtime.access;

import chat.common.internal.InternalApiClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The participants of conversations, from conversation-service's internal API; they never change,
 * so each answer is kept in memory for the life of the instance.
 */
@Component
public class Conversations {

    private final RestClient conversationService;
    private final Map<Long, List<Long>> participants = new ConcurrentHashMap<>();

    Conversations(InternalApiClients clients, @Value("${chat.conversation-service.url}") URI url) {
        this.conversationService = clients.to(url);
    }

    public Optional<List<Long>> participants(long conversation) {
        List<Long> known = participants.get(conversation);
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
            participants.put(conversation, List.copyOf(answer.participants()));
            return Optional.of(answer.participants());
        } catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
    }

    record Answer(long id, List<Long> participants) {}
}
