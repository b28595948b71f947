package chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which allowance each request draws on, and whose address a caller without a token has. */
class RateLimitBucketTests {

    @ParameterizedTest
    @CsvSource({
        "POST, /api/messages/, SEND",
        "POST, /api/messages, SEND",
        "POST, /api/conversations/7/messages/, SEND",
        "POST, /api/conversations/7/messages, SEND",
        "POST, /api/conversations/7/messages/5/attachments/, UPLOAD",
        "POST, /api/conversations/7/messages/5/attachments, UPLOAD",
        "GET, /api/conversations/7/messages/5/attachments/, READ",
        "GET, /api/conversations/7/messages/, READ",
        "GET, /api/conversations/, READ",
        "GET, /api/users/me/, READ",
        "PATCH, /api/messages/5/, READ",
        "DELETE, /api/messages/5/, READ",
        "POST, /api/messages/5/, READ",
        "POST, /api/conversations/7/read/, READ",
        "GET, /api/unknown/, READ",
        "GET, /api, READ",
        "GET, /ws/chat/7/, NONE",
        "GET, /ws/chat/, NONE",
        "POST, /dev/users/, NONE",
        "GET, /actuator/health, NONE",
        "GET, /apis/, NONE",
        "GET, /, NONE"
    })
    void drawsSendsUploadsAndEveryOtherApiRequestFromTheirOwnAllowance(String method, String path, String bucket) {
        RateLimitBucket drawn = RateLimitBucket.of(HttpMethod.valueOf(method), PathContainer.parsePath(path));
        assertThat(drawn == null ? "NONE" : drawn.name()).isEqualTo(bucket);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a peer that is no proxy: whatever it says about others is ignored
                "203.0.113.9 | 198.51.100.7 | 203.0.113.9",
                "203.0.113.9 |  | 203.0.113.9",
                // behind the ingress: the address it saw
                "10.0.0.2 | 198.51.100.7 | 198.51.100.7",
                "10.0.0.2 |  | 10.0.0.2",
                // two trusted proxies, then the client
                "10.0.0.2 | 198.51.100.7, 10.0.0.3 | 198.51.100.7",
                // what the client wrote itself, left of what the ingress added, proves nothing
                "10.0.0.2 | 6.6.6.6, 198.51.100.7 | 198.51.100.7",
                "10.0.0.2 | 10.0.0.9, 198.51.100.7 | 198.51.100.7",
                // only trusted addresses: the first of them
                "10.0.0.2 | 10.0.0.9 | 10.0.0.9",
                "127.0.0.1 | 2001:db8::1 | 2001:db8::1"
            })
    void findsTheClientBehindTrustedProxiesOnly(String peer, String forwardedFor, String client) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.get("/api/conversations/").remoteAddress(new InetSocketAddress(peer, 40_000));
        if (forwardedFor != null) {
            request.header(ClientAddresses.FORWARDED_FOR, forwardedFor);
        }
        ClientAddresses addresses = new ClientAddresses("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|10\\..*");

        assertThat(addresses.of(request.build())).isEqualTo(client);
    }

    @ParameterizedTest
    @CsvSource({"0:0:0:0:0:0:0:1", "::1"})
    void trustsTheIpv6LoopbackAsTheDefaultPatternSpellsIt(String peer) {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/")
                .remoteAddress(new InetSocketAddress(peer, 40_000))
                .header(ClientAddresses.FORWARDED_FOR, "198.51.100.7")
                .build();

        assertThat(new ClientAddresses("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1").of(request))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void trustsNoProxyWhenNoneIsConfiguredAndCutsWhatCannotBeAnAddress() {
        MockServerHttpRequest direct = MockServerHttpRequest.get("/api/")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40_000))
                .header(ClientAddresses.FORWARDED_FOR, "198.51.100.7")
                .build();
        assertThat(new ClientAddresses("").of(direct)).isEqualTo("127.0.0.1");

        MockServerHttpRequest garbage = MockServerHttpRequest.get("/api/")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40_000))
                .header(ClientAddresses.FORWARDED_FOR, "x".repeat(10_000))
                .build();
        assertThat(new ClientAddresses("127\\.0\\.0\\.1").of(garbage)).hasSize(64);
    }
}
