package chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ServiceCalls.Reply;
import chat.testsupport.TestTokens;
import chat.testsupport.TestUser;
import chat.testsupport.Users;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What is not JSON, or not a request Tomcat can read (spec B.4): a 4xx with the problem body. */
class RequestFormatIntegrationTests extends MessageApiIntegrationTest {

    @ParameterizedTest
    @CsvSource({
        "POST, /api/messages/, */*",
        "POST, /api/messages/, application/*",
        "POST, /api/messages/, application/x-www-form-urlencoded",
        "POST, /api/messages/, text/plain",
        "POST, /api/conversations/{c}/messages/, */*",
        "POST, /api/conversations/{c}/messages/, application/x-www-form-urlencoded",
        "PATCH, /api/messages/{m}/, */*",
        "PATCH, /api/messages/{m}/, application/x-www-form-urlencoded",
        "PUT, /api/messages/{m}/, application/x-www-form-urlencoded",
        "POST, /api/conversations/{c}/read/, */*"
    })
    void refusesABodyThatIsNotJsonWith415NamingJson(String method, String path, String type) throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long message = messageFrom(alice, bob, "hello");
        long conversation = conversationOf(alice, bob);
        String body = type.contains("form")
                ? "content=x&recipient_id=2"
                : "{\"content\": \"x\", \"recipient_id\": " + bob.id() + "}";
        Reply response = api.send(
                method,
                path.replace("{c}", Long.toString(conversation)).replace("{m}", Long.toString(message)),
                alice,
                type,
                body.getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body().path("detail").asString())
                .contains(type)
                .endsWith("send the body as application/json.");
        assertThat(api.get("/api/messages/" + message + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=x", "multipart/form-data", "multipart/form-data; boundary="})
    void answersAMultipartBodyItCannotReadWith400AndStoresNothing(String type) throws Exception {
        TestUser alice = Users.fresh("alice");
        TestUser bob = known(Users.fresh("bob"));
        long message = messageFrom(alice, bob, "hello");
        String body = "--x\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhi";
        RawAnswer answer =
                raw("PUT /api/messages/" + message + "/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestTokens.of(alice) + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("multipart");
        assertThat(api.get("/api/messages/" + message + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("hello");
    }

    @Test
    void acceptsSquareBracketsInTheQueryAndIgnoresTheUnknownParameter() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        RawAnswer answer = raw("GET /api/conversations/" + conversation + "/messages/?page[]=1&x[a]=2 HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TestTokens.of(alice) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).path("count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?a=|", "?a={}", "?a=%22<x>%22^", "?a=\\"})
    void answersWhatTomcatRefusesWithTheProblemBody(String query) throws Exception {
        RawAnswer answer = raw("GET /api/conversations/1/messages/" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("percent-encoded");
    }

    @Test
    void answersAnUndecodableQueryWith400() throws Exception {
        TestUser alice = Users.fresh("alice");
        long conversation = conversationOf(alice, Users.fresh("bob"));
        RawAnswer answer = raw("GET /api/conversations/" + conversation + "/messages/?page=%zz HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TestTokens.of(alice) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("percent-encoded");
    }

    /** A request as bytes on a socket: {@code HttpClient} will not send an unencoded '|' or '['. */
    private RawAnswer raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    record RawAnswer(int status, String head, String body) {}
}
