package chat.message.conversations;

import chat.common.internal.InternalApiClients;
import chat.common.security.ChatCaller;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who takes part in which conversation, as conversation-service (its owner) says. Participants of
 * a 1:1 conversation never change, so each answer is kept in this service's database and the
 * internal API is asked once per conversation; the conversations in use are also kept in memory,
 * since every send and read asks.
 */
@Component
public class KnownConversations {

    /** About 100 bytes each: a few MB for the conversations active at once on an instance. */
    private static final int IN_MEMORY = 50_000;

    private final JdbcClient jdbc;
    private final RestClient conversationService;
    private final Cache<Long, Participants> byId =
            Caffeine.newBuilder().maximumSize(IN_MEMORY).build();
    private final Cache<Pair, Participants> byPair =
            Caffeine.newBuilder().maximumSize(IN_MEMORY).build();

    KnownConversations(
            JdbcClient jdbc, InternalApiClients clients, @Value("${chat.conversation-service.url}") URI url) {
        this.jdbc = jdbc;
        this.conversationService = clients.to(url);
    }

    /** The participants of {@code conversation}, or empty if it does not exist. */
    public Optional<Participants> find(long conversation) {
        Participants inMemory = byId.getIfPresent(conversation);
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        Optional<Participants> known = jdbc.sql(
                        "select id as conversation, user_low, user_high from known_conversation where id = ?")
                .param(conversation)
                .query(Participants.class)
                .optional();
        if (known.isPresent()) {
            return known.map(this::keep);
        }
        try {
            Answer answer = conversationService
                    .get()
                    .uri("/internal/conversations/{id}", conversation)
                    .retrieve()
                    .body(Answer.class);
            return Optional.ofNullable(answer).map(this::remember);
        } catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw new ConversationUnavailable(e);
        }
    }

    /**
     * The conversation if {@code caller} may see it: a participant, or staff (spec B.5, B.6).
     *
     * @throws ConversationNotFound otherwise, whether or not it exists
     */
    public Participants visibleTo(long conversation, ChatCaller caller) {
        return find(conversation)
                .filter(p -> caller.staff() || p.includes(caller.userId()))
                .orElseThrow(ConversationNotFound::new);
    }

    /**
     * The conversation if {@code caller} takes part in it.
     *
     * @throws ConversationNotFound if they may not see it
     * @throws NotAParticipant if they see it as staff only
     */
    public Participants joinedBy(long conversation, ChatCaller caller) {
        Participants participants = visibleTo(conversation, caller);
        if (!participants.includes(caller.userId())) {
            throw new NotAParticipant();
        }
        return participants;
    }

    /**
     * The conversation of the pair, created by conversation-service if it is their first message.
     * A pair's conversation never changes, so once known it is read from this service's database.
     */
    public Participants findOrCreate(long sender, long recipient) {
        Pair pair = new Pair(Math.min(sender, recipient), Math.max(sender, recipient));
        Participants inMemory = byPair.getIfPresent(pair);
        if (inMemory != null) {
            return inMemory;
        }
        Optional<Participants> known = jdbc.sql("select id as conversation, user_low, user_high from known_conversation"
                        + " where user_low = ? and user_high = ?")
                .params(pair.low(), pair.high())
                .query(Participants.class)
                .optional();
        if (known.isPresent()) {
            return keep(known.get());
        }
        try {
            Answer answer = conversationService
                    .post()
                    .uri("/internal/conversations/")
                    .body(new FindOrCreate(List.of(sender, recipient)))
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw new ConversationUnavailable(
                                new IllegalStateException("conversation-service answered " + response.getStatusCode()));
                    })
                    .body(Answer.class);
            if (answer == null) {
                throw new ConversationUnavailable(new IllegalStateException("empty answer"));
            }
            return remember(answer);
        } catch (RestClientException e) {
            throw new ConversationUnavailable(e);
        }
    }

    private Participants remember(Answer answer) {
        Participants participants = new Participants(
                answer.id(),
                Math.min(answer.participants().get(0), answer.participants().get(1)),
                Math.max(answer.participants().get(0), answer.participants().get(1)));
        jdbc.sql("insert into known_conversation (id, user_low, user_high) values (?, ?, ?) on conflict do nothing")
                .params(participants.conversation(), participants.userLow(), participants.userHigh())
                .update();
        return keep(participants);
    }

    private Participants keep(Participants participants) {
        byId.put(participants.conversation(), participants);
        byPair.put(new Pair(participants.userLow(), participants.userHigh()), participants);
        return participants;
    }

    private record Pair(long low, long high) {}

    record FindOrCreate(List<Long> participants) {}

    record Answer(
            long id,
            List<Long> participants,
            @JsonProperty("created_at") String createdAt) {}
}
