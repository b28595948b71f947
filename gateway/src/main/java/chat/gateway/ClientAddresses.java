package chat.gateway;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client behind a request, for allowances of callers without a valid token:
 * the connection's peer, unless that is a trusted proxy ({@code CHAT_TRUSTED_PROXIES}, the regex
 * the gateway already applies to {@code X-Forwarded-*}); then the last address in
 * {@code X-Forwarded-For} that no trusted proxy added. Entries further left were written by the
 * client itself and prove nothing: walking from the right, the first untrusted entry is the one a
 * trusted proxy saw.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Longer than any IPv6 address in text: what a proxy wrote is an address, else it is cut. */
    private static final int MAX_LENGTH = 64;

    private final Pattern trustedProxies;

    /** @param trustedProxies a regex of trusted addresses; empty trusts none */
    ClientAddresses(String trustedProxies) {
        this.trustedProxies = Pattern.compile(trustedProxies.isBlank() ? "(?!)" : trustedProxies);
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String address = peer == null
                ? "unknown"
                : peer.getAddress() == null
                        ? peer.getHostString()
                        : peer.getAddress().getHostAddress();
        List<String> forwarded = forwardedFor(request);
        for (int i = forwarded.size() - 1; i >= 0 && trusted(address); i--) {
            address = forwarded.get(i);
        }
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }

    private boolean trusted(String address) {
        return trustedProxies.matcher(address).matches();
    }

    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> addresses = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(FORWARDED_FOR)) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    addresses.add(entry.strip());
                }
            }
        }
        return addresses;
    }
}
