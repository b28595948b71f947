package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.files.FileLinks;
import chat.common.files.S3Settings;
import chat.systemtests.Api.Member;
import chat.testsupport.Multipart;
import chat.testsupport.SampleFiles;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every error the running stack answers through its gateway is the API's (spec B.4): a status of
 * 4xx, never 5xx, {@code application/problem+json} with a {@code detail}, whichever layer refused
 * the request (Reactor Netty, the gateway, Tomcat or Spring); and what the store serves for an
 * attachment link cannot be turned into a page. Requests that {@code HttpClient} will not send go
 * byte for byte over a socket.
 */
@ExtendWith(SharedStack.class)
class ErrorBodiesSystemTests {

    static Api api;
    Member alice;
    Member bob;
    JsonNode first;

    @BeforeAll
    static void connect() {
        api = new Api(SharedStack.get());
    }

    @BeforeEach
    void converse() throws Exception {
        alice = api.register("alice", false);
        bob = api.register("bob", false);
        first = api.send(alice, bob, "hello");
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /api/messages/, */*",
        "POST, /api/messages/, application/x-www-form-urlencoded",
        "POST, /api/conversations/{c}/messages/, */*",
        "POST, /api/conversations/{c}/messages/, application/x-www-form-urlencoded",
        "PATCH, /api/messages/{m}/, */*",
        "PATCH, /api/messages/{m}/, application/x-www-form-urlencoded"
    })
    void refusesABodyThatIsNotJsonWith415NamingJson(String method, String path, String type) throws Exception {
        String target = path.replace("{c}", first.path("conversation").asString())
                .replace("{m}", first.path("id").asString());
        String body = type.contains("form") ? "content=x&recipient_id=" + bob.id() : "{\"content\": \"x\"}";
        Raw answer = raw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                + "Content-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);
        assertProblem(answer, 415);
        assertThat(answer.detail()).contains("application/json");
        assertThat(api.get("/api/messages/" + first.path("id").asLong() + "/", alice)
                        .body()
                        .path("content")
                        .asString())
                .isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/conversations/?page=2000000000",
                "/api/conversations/?page=2147483647&page_size=100",
                "/api/conversations/{c}/messages/?page=2000000000"
            })
    void answersAPageFarPastTheEndAsInvalid(String path) throws IOException {
        Raw answer = raw("GET " + path.replace("{c}", first.path("conversation").asString())
                + " HTTP/1.1\r\nHost: localhost\r\n" + auth(alice) + "Connection: close\r\n\r\n");
        assertProblem(answer, 404);
        assertThat(answer.detail()).isEqualTo("Invalid page.");
    }

    /** Spring reads {@code page[]} as {@code page}; a bracketed name it does not know is ignored. */
    @Test
    void acceptsSquareBracketsInTheQuery() throws IOException {
        Raw unknown = raw("GET /api/conversations/?x[]=1&y[a]=2 HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                + "Connection: close\r\n\r\n");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
        assertThat(Api.JSON.readTree(unknown.body()).isArray())
                .as(unknown.toString())
                .isTrue();
        Raw page = raw("GET /api/conversations/?page[]=1 HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                + "Connection: close\r\n\r\n");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(Api.JSON.readTree(page.body()).path("count").asLong())
                .as(page.toString())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?a=|", "?a={}", "?a=%zz", "?a=<x>"})
    void answersAQueryThatIsNoUriWith400(String query) throws IOException {
        assertProblem(
                raw("GET /api/conversations/" + query + " HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                        + "Connection: close\r\n\r\n"),
                400);
    }

    @Test
    void answersAnOverlongPathWith414() throws IOException {
        assertProblem(
                raw("GET /api/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                414);
    }

    @Test
    void answersOverlargeHeadersWith431() throws IOException {
        assertProblem(
                raw("GET /api/conversations/ HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"),
                431);
    }

    @Test
    void answersAContentTypeWithANulWith400() throws IOException {
        assertProblem(
                raw("POST /api/messages/ HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                        + "Content-Type: application/json\0.html\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"),
                400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000.png", "a.png\u0000.html"})
    void refusesAFileNameWithANulWith400(String name) throws IOException {
        Multipart form = Multipart.file("file", name, SampleFiles.png());
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + attachments(first) + " HTTP/1.1\r\nHost: localhost\r\n" + auth(alice)
                        + "Content-Type: " + form.contentType() + "\r\nContent-Length: " + form.body().length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(form.body());
        Raw answer = raw(request.toByteArray());
        assertProblem(answer, 400);
        assertThat(answer.detail()).contains("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/info"})
    void servesNoActuatorOnThePublicPort(String path) throws IOException {
        assertProblem(raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404);
    }

    @Test
    void servesAnImageFollowedByHtmlAsAnImageThatIsNeverSniffed() throws Exception {
        ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
        polyglot.writeBytes(SampleFiles.png());
        polyglot.writeBytes(SampleFiles.html());
        Api.Reply uploaded = api.upload(attachments(first), alice, "kitten.png", polyglot.toByteArray());
        assertThat(uploaded.status()).isEqualTo(201);
        HttpResponse<byte[]> file = api.download(uploaded.body().path("file").asString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("inline"));
    }

    /**
     * No upload of the API stores anything but an image or a video, so the object is put straight
     * into the local stack's store and linked as the services link it.
     */
    @Test
    void servesAnyOtherTypeFromTheStoreAsADownloadThatIsNeverSniffed() throws Exception {
        URI store = URI.create(SharedStack.get().s3Endpoint());
        String key = "m/0/" + UUID.randomUUID();
        byte[] page = SampleFiles.html();
        MinioClient.builder()
                .endpoint(store.toString())
                .credentials("chat-local", "chat-local-secret")
                .region("us-east-1")
                .build()
                .putObject(PutObjectArgs.builder().bucket("chat-attachments").object(key).stream(
                                new ByteArrayInputStream(page), page.length, -1)
                        .contentType("text/html")
                        .build());
        FileLinks links = new FileLinks(new S3Settings(
                store,
                store,
                "chat-local",
                "chat-local-secret",
                "us-east-1",
                "chat-attachments",
                Duration.ofMinutes(5)));
        HttpResponse<byte[]> file = api.download(links.link(key, "text/html"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private static void assertProblem(Raw answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.detail()).as(answer.toString()).isNotBlank();
    }

    private static String auth(Member member) {
        return "Authorization: Bearer " + member.token() + "\r\n";
    }

    private static String attachments(JsonNode message) {
        return "/api/conversations/" + message.path("conversation").asLong() + "/messages/"
                + message.path("id").asLong() + "/attachments/";
    }

    private static Raw raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One request on its own connection; the answer is read to its declared length or the close. */
    private static Raw raw(byte[] request) throws IOException {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), api.uri("/").getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunked(in);
            } else {
                body = in.readAllBytes();
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    record Raw(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String detail() {
            try {
                return Api.JSON.readTree(body).path("detail").asString("");
            } catch (RuntimeException notJson) {
                return "";
            }
        }
    }
}
