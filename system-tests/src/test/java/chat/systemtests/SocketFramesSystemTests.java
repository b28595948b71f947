package chat.systemtests;

import static chat.testsupport.SocketMessages.chatMessage;
import static chat.testsupport.SocketMessages.escaped;
import static chat.testsupport.SocketMessages.padded;
import static org.assertj.core.api.Assertions.assertThat;

import chat.systemtests.Api.Member;
import chat.testsupport.RawWebSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of frame a client may send on a conversation's socket, through the gateway (spec
 * B.7, B.14): messages up to 64 KiB arrive whole, a {@code chat_message} at the 4,000-character
 * limit in any JSON escaping reaches both participants intact, binary frames and pings leave the
 * socket open and lose nothing around them, a larger message closes with 1009, and text that is
 * not UTF-8 with 1007.
 */
@ExtendWith(SharedStack.class)
class SocketFramesSystemTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final int MAX = 64 * 1024;
    static final String EMOJI = "\uD83D\uDE00";
    static Api api;
    static RunningStack stack;

    @BeforeAll
    static void connect() {
        stack = SharedStack.get();
        api = new Api(stack);
    }

    record Chat(Member alice, Member bob, long conversation) {}

    @Test
    void takesAMessageOfExactly64KibWholeAndDeliversItToBoth() throws Exception {
        Chat chat = chat();
        String content = EMOJI.repeat(4000);
        String message = padded(chatMessage(escaped(content)), MAX);
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(MAX);

        try (Socket alice = socket(chat, chat.alice());
                Socket bob = socket(chat, chat.bob())) {
            alice.send(message);
            assertThat(contentOf(alice.next(WAIT))).isEqualTo(content);
            assertThat(contentOf(bob.next(WAIT))).isEqualTo(content);
        }
    }

    /**
     * 4,000 characters, the content limit, as JSON may carry them: raw emoji (16 KB), emoji as
     * escaped surrogate pairs ({@code \\ud83d\\ude00}, 48 KB, Python's {@code json.dumps} by
     * default), escaped letters ({@code \\u00e9}). An emoji is one character, as message-service
     * counts it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"raw emoji", "escaped emoji", "escaped letters"})
    void deliversFourThousandCharactersInAnyEscapingIntactToBoth(String escaping) throws Exception {
        Chat chat = chat();
        String content = escaping.endsWith("letters") ? "é".repeat(4000) : EMOJI.repeat(4000);
        String message = chatMessage(escaping.startsWith("raw") ? content : escaped(content));

        try (Socket alice = socket(chat, chat.alice());
                Socket bob = socket(chat, chat.bob())) {
            alice.send(message);
            JsonNode created = bob.next(WAIT);
            assertThat(contentOf(created)).isEqualTo(content);
            assertThat(contentOf(alice.next(WAIT))).isEqualTo(content);
            String stored = api.get(
                            "/api/messages/"
                                    + created.path("message").path("id").asLong() + "/",
                            chat.bob())
                    .body()
                    .path("content")
                    .asString();
            assertThat(stored).isEqualTo(content);
            assertThat(stored.codePointCount(0, stored.length())).isEqualTo(4000);
        }
    }

    @Test
    void joinsAMessageSentInFragments() throws Exception {
        Chat chat = chat();
        String content = EMOJI.repeat(4000);

        try (Socket alice = socket(chat, chat.alice());
                Socket bob = socket(chat, chat.bob())) {
            alice.sendInParts(chatMessage(escaped(content)), 5);
            assertThat(contentOf(bob.next(WAIT))).isEqualTo(content);
            assertThat(contentOf(alice.next(WAIT))).isEqualTo(content);
        }
    }

    @Test
    void ignoresBinaryFramesAndPingsAndLosesNothingAroundThem() throws Exception {
        Chat chat = chat();
        byte[] ping = "still there?".getBytes(StandardCharsets.UTF_8);

        try (Socket alice = socket(chat, chat.alice());
                Socket bob = socket(chat, chat.bob())) {
            alice.send(chatMessage("before the binary frame"));
            alice.sendBinary(chatMessage("a binary chat_message").getBytes(StandardCharsets.UTF_8));
            alice.sendBinary(new byte[20_000]);
            alice.send(chatMessage("right after it"));
            alice.sendPing(ping);
            alice.send(chatMessage("after the ping"));

            assertThat(alice.nextPong(WAIT)).isEqualTo(ping);
            for (Socket socket : List.of(alice, bob)) {
                assertThat(contentOf(socket.next(WAIT))).isEqualTo("before the binary frame");
                assertThat(contentOf(socket.next(WAIT))).isEqualTo("right after it");
                assertThat(contentOf(socket.next(WAIT))).isEqualTo("after the ping");
            }
            assertThat(alice.isOpen()).isTrue();
        }
        assertThat(api.get("/api/conversations/" + chat.conversation() + "/messages/", chat.alice())
                        .body()
                        .path("count")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void closesWith1009AMessageOneByteOver64KibAndKeepsWhatCameBefore() throws Exception {
        Chat chat = chat();
        try (Socket alice = socket(chat, chat.alice());
                Socket bob = socket(chat, chat.bob())) {
            alice.send(chatMessage("just before"));
            alice.send(padded(chatMessage("too long"), MAX + 1));

            assertThat(alice.closeCode(WAIT)).isEqualTo(1009);
            assertThat(contentOf(bob.next(WAIT))).isEqualTo("just before");
            assertThat(bob.isOpen()).isTrue();
        }
    }

    @Test
    void closesWith1007ATextFrameThatIsNotUtf8() throws Exception {
        Chat chat = chat();
        URI uri = URI.create("ws://localhost:" + stack.port + "/ws/chat/" + chat.conversation() + "/?access_token="
                + chat.alice().token());
        try (RawWebSocket alice = RawWebSocket.open(uri, Map.of())) {
            alice.send(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertThat(alice.closeCode(WAIT)).isEqualTo(1007);
        }
    }

    private Chat chat() throws Exception {
        Member alice = api.register("alice", false);
        Member bob = api.register("bob", false);
        long conversation = api.send(alice, bob, "hello").path("conversation").asLong();
        return new Chat(alice, bob, conversation);
    }

    private Socket socket(Chat chat, Member member) throws Exception {
        return Socket.open(stack, "/ws/chat/" + chat.conversation() + "/?access_token=" + member.token(), Map.of());
    }

    private static String contentOf(JsonNode event) {
        assertThat(event).as("an event arrived").isNotNull();
        assertThat(event.path("type").asString()).isEqualTo("new_message");
        return event.path("message").path("content").asString();
    }
}
