package chat.systemtests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Hostile requests and socket frames, each drawn from its own {@link Random} seeded by the run's
 * seed and the case's index: case {@code i} of seed {@code s} is the same bytes on every machine
 * and in every thread order, so a failure is reproduced with {@code -Dfuzz.seed=s}. What a case
 * aims at (a conversation, a message) is chosen among {@link Targets} by role, since the ids
 * themselves differ from one stack to the next.
 */
final class FuzzCases {

    /** What the cases aim at: the ids of a fixed cast's data, and the cast's tokens. */
    record Targets(List<Long> conversations, List<Long> messages, List<Long> users, List<String> tokens) {}

    /** One request: its bytes as sent, and who sent it (an index into the tokens, or -1). */
    record Request(long index, byte[] bytes) {
        String describe() {
            return "case " + index + ":\n" + printable(bytes, 3000);
        }
    }

    /** One socket frame: text, or binary when {@code binary} is set. */
    record Frame(long index, boolean binary, String text, byte[] data) {
        String describe() {
            return "frame " + index
                    + (binary
                            ? " (binary): " + printable(data, 500)
                            : ": " + printable(text.getBytes(StandardCharsets.UTF_8), 500));
        }
    }

    private static final String[] PATHS = {
        "/api/conversations/",
        "/api/conversations/{c}/",
        "/api/conversations/{c}/messages/",
        "/api/conversations/{c}/read/",
        "/api/messages/",
        "/api/messages/{m}/",
        "/api/conversations/{c}/messages/{m}/attachments/",
        "/api/users/me/",
        "/ws/chat/{c}/",
        "/ws/chat/",
        "/actuator",
        "/actuator/health",
        "/actuator/env",
        "/internal/conversations/{c}/events/?after_seq=0",
        "/internal/messages/{m}/",
        "/dev/users/",
        "/",
        "/api/",
        "/api/conversations/{c}/messages/{m}/",
    };
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] ODD_METHODS = {"OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO", "get", "PROPFIND"};
    private static final String[] HOSTILE_IDS = {
        "0",
        "-1",
        "2147483647",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999999",
        "abc",
        "1.5",
        "1e3",
        "%00",
        "%FF",
        "%2e%2e",
        "..%2F..%2F",
        "１",
        "%20",
        "null",
        "[]",
        "{}",
        "1;drop table message",
        "0x10",
        "+1",
        "01",
    };
    private static final String[] PARAMETERS = {
        "page",
        "page_size",
        "before",
        "after",
        "since_seq",
        "up_to",
        "limit",
        "format",
        "access_token",
        "page[]",
        "page%5B%5D",
        "",
        "%00",
        "page_size[0]",
        "ordering",
        "search",
        "after_seq",
    };
    private static final String[] VALUES = {
        "1", "2", "0", "-1", "20", "100", "101", "2000000000", "2147483648", "9223372036854775808", "1e3", "abc",
        "", "%00", "%FF", "1.5", "%EF%BC%91", "[]", "%5B%5D", "true", "null", "%F0%9F%98%80", "1%2C2",
                "99999999999999999999",
    };
    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json", "application/json", "application/json; charset=utf-8",
        "*/*", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data",
        "multipart/form-data; boundary=", "application/json; charset=latin1", "application/xml", "json",
        "application/json\u0000", "application/json; boundary=\"", "text/html; charset=\u00ff",
                "application/problem+json",
        "application/merge-patch+json", ";", "application/*",
    };
    private static final String[] KEYS = {
        "content", "content", "content", "recipient_id", "recipient_id", "is_read", "up_to", "client_id", "sender",
        "conversation", "id", "is_deleted", "is_edited", "attachments", "", "con\u0000tent", "CONTENT", "__proto__",
    };
    private static final String[] STRINGS = {
        "",
        " ",
        "hi",
        "\u0000",
        "a\u0000b",
        "😀😀😀",
        "سلام",
        "\u202e\u0645",
        "<script>alert(1)</script>",
        "'; drop table message; --",
        "\\",
        "\"",
        "\n\r\t",
        "\ud800",
        "\udfff",
        "%s%n",
        "${jndi:ldap://x}",
    };
    private static final String[] FILE_NAMES = {
        "a.png",
        "a\u0000.png",
        "a.png\u0000.html",
        "../../etc/passwd.png",
        "",
        ".png",
        "a.PNG",
        "a.exe",
        "a.svg",
        "a.html",
        "ünï😀.png",
        "a\r\nX-Injected: 1.png",
        "a\".png",
        "con.png",
        "a.png.",
        "a. png",
    };
    private static final String[] FRAME_TYPES = {
        "chat_message",
        "chat_message",
        "edit_message",
        "delete_message",
        "typing",
        "typing",
        "unknown",
        "",
        "CHAT_MESSAGE",
    };
    private static final String[] FRAME_KEYS = {
        "content", "message_id", "client_id", "is_typing", "conversation", "type"
    };
    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    private final long seed;
    private final Targets targets;
    private final int port;

    FuzzCases(long seed, Targets targets, int port) {
        this.seed = seed;
        this.targets = targets;
        this.port = port;
    }

    private Random random(long index, long stream) {
        // SplitMix-style mixing, so that neighbouring indices give unrelated generators
        long z = seed + 0x9E3779B97F4A7C15L * (index * 2 + stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    Request request(long index) {
        Random r = random(index, 0);
        String path = path(r);
        String method = r.nextInt(100) < 4 ? pick(r, ODD_METHODS) : method(r, path);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        List<String> headers = new ArrayList<>();
        if (r.nextInt(100) != 0) {
            headers.add("Host: localhost:" + port);
        }
        String authorization = authorization(r);
        if (authorization != null) {
            headers.add("Authorization: " + authorization);
        }
        byte[] body = new byte[0];
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || r.nextInt(20) == 0) {
            if (path.contains("/attachments/") && r.nextInt(3) > 0) {
                String boundary = "fuzz" + Long.toHexString(r.nextLong());
                body = multipart(r, boundary);
                headers.add("Content-Type: "
                        + (r.nextInt(5) == 0 ? pick(r, CONTENT_TYPES) : "multipart/form-data; boundary=" + boundary));
            } else {
                body = body(r);
                if (r.nextInt(12) != 0) {
                    headers.add("Content-Type: " + pick(r, CONTENT_TYPES));
                }
            }
            headers.add("Content-Length: " + body.length);
        }
        extraHeaders(r, headers);
        write(head, method + " " + path + " HTTP/1.1\r\n");
        for (String header : headers) {
            write(head, header + "\r\n");
        }
        write(head, "\r\n");
        head.writeBytes(body);
        return new Request(index, head.toByteArray());
    }

    private String method(Random r, String path) {
        if (path.startsWith("/api/messages/")
                && !path.startsWith("/api/messages/?")
                && path.length() > "/api/messages/".length()) {
            return pick(r, "GET", "PUT", "PATCH", "PATCH", "DELETE", "POST");
        }
        if (path.startsWith("/api/messages") || path.contains("/attachments/") || path.contains("/read/")) {
            return r.nextInt(6) == 0 ? pick(r, METHODS) : "POST";
        }
        if (path.matches("/api/conversations/[^/]+/messages/.*")) {
            return pick(r, "GET", "GET", "POST", "POST", "PUT", "DELETE");
        }
        return r.nextInt(5) == 0 ? pick(r, METHODS) : "GET";
    }

    private String path(Random r) {
        String template = pick(r, PATHS);
        String path = template.replace("{c}", id(r, targets.conversations())).replace("{m}", id(r, targets.messages()));
        int mutation = r.nextInt(100);
        if (mutation < 10 && path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        } else if (mutation < 13) {
            path = path.replaceFirst("/", "//");
        } else if (mutation < 15) {
            path = path + ";jsessionid=" + r.nextInt(1000);
        } else if (mutation < 19) {
            path = path + pick(r, "x", "%00", "%2F", "..", "%2e%2e/", "😀", "%E2%80%AE", "\u00e9", "[0]", "%", "%zz");
        } else if (mutation < 21) {
            path = path + "a".repeat(1 + r.nextInt(12_000));
        }
        int parameters = r.nextInt(100) < 55 ? 0 : 1 + r.nextInt(3);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters; i++) {
            query.append(query.isEmpty() ? (path.contains("?") ? "&" : "?") : "&");
            String value = r.nextInt(10) == 0 ? "9".repeat(1 + r.nextInt(5000)) : pick(r, VALUES);
            String name = pick(r, PARAMETERS);
            query.append(name).append(r.nextInt(8) == 0 ? "" : "=" + value);
        }
        if (r.nextInt(50) == 0) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(pick(r, "page[]=1", "a=[", "]", "a=%", "a=\"", "a=|", "a=^", "a={}"));
        }
        return path + query;
    }

    private String id(Random r, List<Long> known) {
        return r.nextInt(100) < 65 && !known.isEmpty()
                ? Long.toString(known.get(r.nextInt(known.size())))
                : pick(r, HOSTILE_IDS);
    }

    private @Nullable String authorization(Random r) {
        int kind = r.nextInt(100);
        String token = targets.tokens().get(r.nextInt(targets.tokens().size()));
        if (kind < 80) {
            return "Bearer " + token;
        }
        return switch (kind % 10) {
            case 0 -> null;
            case 1 -> "Bearer";
            case 2 -> "Bearer " + token + "x";
            case 3 -> "Basic YWxpY2U6YWxpY2U=";
            case 4 -> "Bearer " + token.substring(0, token.lastIndexOf('.') + 1);
            case 5 -> "bearer " + token;
            case 6 -> "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwidXNlcl9pZCI6MX0.";
            case 7 -> "Bearer " + "A".repeat(1 + r.nextInt(9000));
            case 8 -> "Bearer " + token + ", Bearer " + token;
            default -> "Bearer \u00e9\u00e9";
        };
    }

    private void extraHeaders(Random r, List<String> headers) {
        if (r.nextInt(10) == 0) {
            headers.add("Accept: "
                    + pick(r, "text/html", "application/xml", "*/*", "image/png", "garbage", "application/json;q=0"));
        }
        if (r.nextInt(15) == 0) {
            headers.add("Idempotency-Key: "
                    + pick(
                            r,
                            "k-" + r.nextInt(50),
                            "",
                            "x".repeat(300),
                            "\u00e9",
                            java.util.UUID.randomUUID().toString()));
        }
        if (r.nextInt(25) == 0) {
            headers.add("Origin: " + pick(r, "http://evil.example", "null", "http://localhost:5173", "file://"));
            headers.add("Access-Control-Request-Method: " + pick(r, "POST", "DELETE", "FOO"));
        }
        if (r.nextInt(40) == 0) {
            headers.add("Cookie: access_token="
                    + pick(r, "x", "", "\u00e9", targets.tokens().getFirst()));
        }
        if (r.nextInt(60) == 0) {
            headers.add("X-Big: " + "b".repeat(1 + r.nextInt(40_000)));
        }
        if (r.nextInt(40) == 0) {
            headers.add(pick(
                    r,
                    "X-Forwarded-Host: evil.example",
                    "X-Forwarded-Proto: gopher",
                    "Forwarded: host=evil",
                    "Transfer-Encoding: gzip"));
        }
    }

    private byte[] body(Random r) {
        int kind = r.nextInt(100);
        if (kind < 70) {
            return Api.JSON.writeValueAsBytes(object(r, 0));
        }
        return switch (kind % 12) {
            case 0 -> "{\"content\": \"unterminated".getBytes(StandardCharsets.UTF_8);
            case 1 -> ("[".repeat(1 + r.nextInt(5000)) + "]".repeat(r.nextInt(5000))).getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"content\": \"hi\",}".getBytes(StandardCharsets.UTF_8);
            case 3 -> "{'content': 'hi'}".getBytes(StandardCharsets.UTF_8);
            case 4 ->
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        "{\"content\":\"bom\"}".getBytes(StandardCharsets.UTF_8));
            case 5 ->
                new byte[] {
                    '{', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                };
            case 6 -> ("content=hi&recipient_id=" + targets.users().getFirst()).getBytes(StandardCharsets.UTF_8);
            case 7 -> new byte[0];
            case 8 -> "null".getBytes(StandardCharsets.UTF_8);
            case 9 ->
                ("{\"content\": \"" + "x".repeat(r.nextInt(100) == 0 ? 2_000_000 : 1 + r.nextInt(20_000)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 10 -> "{\"content\": \"a\"}{\"content\": \"b\"}".getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] noise = new byte[r.nextInt(300)];
                r.nextBytes(noise);
                yield noise;
            }
        };
    }

    private Object object(Random r, int depth) {
        java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
        int keys = r.nextInt(5);
        for (int i = 0; i < keys; i++) {
            object.put(r.nextInt(10) == 0 ? "k" + r.nextInt(100) : pick(r, KEYS), value(r, depth + 1));
        }
        return object;
    }

    private @Nullable Object value(Random r, int depth) {
        int kind = r.nextInt(depth > 2 ? 7 : 9);
        return switch (kind) {
            case 0, 1 -> pick(r, STRINGS);
            case 2 -> "x".repeat(pickInt(r, 1, 3999, 4000, 4001, 10_000)) + (r.nextBoolean() ? " " : "");
            case 3 -> targets.users().get(r.nextInt(targets.users().size()));
            case 4 ->
                r.nextInt(3) == 0
                        ? targets.messages().get(r.nextInt(targets.messages().size()))
                        : pick(r, 0, -1, Long.MAX_VALUE, Integer.MIN_VALUE);
            case 5 ->
                pick(
                        r,
                        Boolean.TRUE,
                        Boolean.FALSE,
                        null,
                        1.5,
                        1e308,
                        new java.math.BigInteger("99999999999999999999999"));
            case 6 -> "😀".repeat(pickInt(r, 1, 2000, 4000, 4001));
            case 7 -> java.util.Arrays.asList(value(r, depth + 1), value(r, depth + 1));
            default -> object(r, depth);
        };
    }

    private byte[] multipart(Random r, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String field = r.nextInt(8) == 0 ? pick(r, "files", "", "FILE") : "file";
        String name = pick(r, FILE_NAMES);
        write(body, "--" + boundary + "\r\n");
        write(body, "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + name + "\"\r\n");
        write(body, "Content-Type: " + pick(r, "image/png", "text/html", "application/octet-stream", "") + "\r\n\r\n");
        if (r.nextInt(3) > 0) {
            body.writeBytes(PNG);
        }
        byte[] tail = new byte[r.nextInt(2000)];
        r.nextBytes(tail);
        body.writeBytes(tail);
        if (r.nextInt(10) != 0) {
            write(body, "\r\n--" + boundary + "--\r\n");
        }
        return body.toByteArray();
    }

    Frame frame(long index) {
        Random r = random(index, 1);
        int kind = r.nextInt(100);
        if (kind < 8) {
            byte[] data = new byte[r.nextInt(3000)];
            r.nextBytes(data);
            return new Frame(index, true, "", data);
        }
        String text;
        if (kind < 75) {
            java.util.Map<String, Object> event = new java.util.LinkedHashMap<>();
            if (r.nextInt(15) != 0) {
                event.put("type", r.nextInt(20) == 0 ? value(r, 1) : pick(r, FRAME_TYPES));
            }
            int keys = 1 + r.nextInt(3);
            for (int i = 0; i < keys; i++) {
                String key = pick(r, FRAME_KEYS);
                event.put(
                        key,
                        switch (key) {
                            case "message_id" ->
                                r.nextInt(4) > 0
                                        ? targets.messages()
                                                .get(r.nextInt(
                                                        targets.messages().size()))
                                        : value(r, 1);
                            case "content" -> r.nextInt(3) > 0 ? pick(r, STRINGS) : value(r, 1);
                            case "conversation" ->
                                targets.conversations()
                                        .get(r.nextInt(targets.conversations().size()));
                            default -> value(r, 1);
                        });
            }
            text = Api.JSON.writeValueAsString(event);
        } else {
            text = switch (kind % 8) {
                case 0 -> "{";
                case 1 -> "";
                case 2 -> "[".repeat(1 + r.nextInt(3000));
                case 3 -> "null";
                case 4 -> "\"chat_message\"";
                case 5 ->
                    "{\"type\": \"chat_message\", \"content\": \"" + "\\ud83d\\ude00".repeat(1 + r.nextInt(4000))
                            + "\"}";
                case 6 -> "{\"type\": \"typing\", \"is_typing\": \"yes\"}{";
                default -> "x".repeat(r.nextInt(60_000));
            };
        }
        return new Frame(index, false, wellFormed(text), new byte[0]);
    }

    /**
     * A lone surrogate escaped as JSON writes it ({@code \\ud800}): a text frame carries UTF-8,
     * which has no encoding for one, so the client could not send the frame at all.
     */
    static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static int pickInt(Random r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static void write(ByteArrayOutputStream out, String text) {
        // header and request-line bytes as written on the wire: UTF-8, control characters included
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Bytes as a reader can see them: printable ASCII kept, everything else escaped, cut at {@code max}. */
    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                text.append("\\n\n");
            } else if (b == '\r') {
                text.append("\\r");
            } else if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > max) {
            text.append("... (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
