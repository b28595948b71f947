package chat.attachment.messages;

import chat.common.internal.InternalApiClients;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Asks message-service, the owner of messages, about one message (its internal API). */
@Component
public class MessageLookup {

    private final RestClient messageService;

    MessageLookup(InternalApiClients clients, @Value("${chat.message-service.url}") URI url) {
        this.messageService = clients.to(url);
    }

    public Optional<MessageFacts> find(long messageId) {
        try {
            return Optional.ofNullable(messageService
                    .get()
                    .uri("/internal/messages/{id}", messageId)
                    .retrieve()
                    .body(MessageFacts.class));
        } catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw new MessagesUnavailable(e);
        }
    }
}
