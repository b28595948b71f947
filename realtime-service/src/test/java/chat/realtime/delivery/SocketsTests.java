package chat.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.testsupport.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.ResourceAccessException;

/**
 * Fan-out on one instance: an event reaches its conversation's sockets and its participants' user
 * streams once, and the participants an event names are used without asking anyone.
 */
class SocketsTests {

    private static final long ALICE = 7;
    private static final long BOB = 8;
    private static final long CAROL = 9;
    private static final long CONVERSATION = 12;

    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean conversationServiceUp = true;
    private final ConversationParticipants conversationService = conversation -> {
        lookups.incrementAndGet();
        if (!conversationServiceUp) {
            throw new ResourceAccessException("conversation-service unreachable");
        }
        return conversation == CONVERSATION ? Optional.of(List.of(ALICE, BOB)) : Optional.empty();
    };
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Sockets sockets = new Sockets(
            new RealtimeSettings(
                    Duration.ofSeconds(5), DataSize.ofKilobytes(512), Duration.ofSeconds(25), DataSize.ofKilobytes(64)),
            conversationService,
            new SocketMetrics(registry, clock),
            registry,
            clock);

    private final TestSession alicesSocket = TestSession.reading("alice-socket");
    private final TestSession bobsSocket = TestSession.reading("bob-socket");
    private final TestSession alicesStream = TestSession.reading("alice-stream");
    private final TestSession carolsStream = TestSession.reading("carol-stream");

    @AfterEach
    void closeAll() {
        sockets.closeAll();
    }

    private void joinEveryone() {
        sockets.join(CONVERSATION, ALICE, alicesSocket, 0, false);
        sockets.join(CONVERSATION, BOB, bobsSocket, 0, false);
        sockets.joinStream(ALICE, alicesStream);
        sockets.joinStream(CAROL, carolsStream);
    }

    private static ServerEvent event(long seq, List<Long> participants) {
        return new ServerEvent(CONVERSATION, seq, "seq " + seq, 1, participants);
    }

    private static List<String> written(TestSession session, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() >= count);
        return session.texts();
    }

    @Test
    void deliversAnEventToTheConversationsSocketsAndItsParticipantsStreamsOnce() throws Exception {
        joinEveryone();

        assertThat(sockets.deliver(event(1, List.of(ALICE, BOB)))).isEqualTo(3);
        assertThat(sockets.deliver(event(1, List.of(ALICE, BOB))))
                .as("a redelivery")
                .isZero();
        assertThat(sockets.deliver(event(2, List.of(ALICE, BOB)))).isEqualTo(3);

        assertThat(written(alicesSocket, 2)).containsExactly("seq 1", "seq 2");
        assertThat(written(bobsSocket, 2)).containsExactly("seq 1", "seq 2");
        assertThat(written(alicesStream, 2)).containsExactly("seq 1", "seq 2");
        Thread.sleep(100);
        assertThat(carolsStream.texts()).as("not a participant").isEmpty();
        assertThat(alicesSocket.texts()).hasSize(2);
    }

    @Test
    void usesTheParticipantsTheEventNamesWithoutAskingConversationService() {
        joinEveryone();
        conversationServiceUp = false;

        assertThat(sockets.deliver(event(1, List.of(ALICE, BOB)))).isEqualTo(3);

        assertThat(written(alicesStream, 1)).containsExactly("seq 1");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void looksUpTheParticipantsOfAnEventThatDoesNotNameThem() {
        joinEveryone();

        sockets.deliver(event(1, List.of()));
        sockets.deliver(event(2, List.of()));

        assertThat(written(alicesStream, 2)).containsExactly("seq 1", "seq 2");
        assertThat(lookups)
                .as("asked for each event; Conversations keeps the answer")
                .hasValue(2);
    }

    @Test
    void stillFeedsTheConversationsSocketsWhenParticipantsCannotBeLookedUp() {
        joinEveryone();
        conversationServiceUp = false;

        assertThat(sockets.deliver(event(1, List.of())))
                .as("the streams miss it")
                .isEqualTo(2);

        assertThat(written(alicesSocket, 1)).containsExactly("seq 1");
        assertThat(alicesStream.texts()).isEmpty();
    }

    @Test
    void asksNothingWhileNobodyHereFollowsAUserStream() {
        sockets.join(CONVERSATION, ALICE, alicesSocket, 0, false);

        sockets.deliver(event(1, List.of()));

        assertThat(written(alicesSocket, 1)).containsExactly("seq 1");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void passesTypingToEveryoneButTheTypist() throws Exception {
        joinEveryone();
        TestSession bobsStream = TestSession.reading("bob-stream");
        sockets.joinStream(BOB, bobsStream);

        sockets.deliverToOthers(CONVERSATION, ALICE, "alice types");

        assertThat(written(bobsSocket, 1)).containsExactly("alice types");
        assertThat(written(bobsStream, 1)).containsExactly("alice types");
        Thread.sleep(100);
        assertThat(alicesSocket.texts()).isEmpty();
        assertThat(alicesStream.texts()).isEmpty();
        assertThat(carolsStream.texts()).isEmpty();
    }

    @Test
    void forgetsASocketThatLeft() throws Exception {
        joinEveryone();
        sockets.leave(CONVERSATION, bobsSocket);
        sockets.leaveStream(ALICE, alicesStream);

        assertThat(sockets.deliver(event(1, List.of(ALICE, BOB)))).isEqualTo(1);

        assertThat(written(alicesSocket, 1)).containsExactly("seq 1");
        Thread.sleep(100);
        assertThat(bobsSocket.texts()).isEmpty();
        assertThat(alicesStream.texts()).isEmpty();
    }
}
