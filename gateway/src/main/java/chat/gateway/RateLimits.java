package chat.gateway;

import chat.common.security.ChatCaller;
import chat.common.web.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The rate limits of spec B.18 on every {@code /api} route (ADR 0011). An authenticated call
 * draws on its user's allowance, here, after Spring Security has verified the token. A call
 * without a valid token never gets past Spring Security; it draws on its client address's
 * allowance where it is refused ({@link #countingUnauthenticated}), and past that allowance it is
 * answered 429 instead of 401, so that a flood without tokens, or with bad ones, is limited too.
 * Every answer of a limited route says where its caller stands ({@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset}); a refusal also says when to come back
 * ({@code Retry-After}) and is counted in {@code chat.gateway.rate.limited{bucket}}.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimits implements WebFilter, Ordered {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    /** What a browser's script may read of a limited answer (CORS exposes them). */
    static final List<String> HEADERS = List.of(LIMIT, REMAINING, RESET, HttpHeaders.RETRY_AFTER);

    private final RateLimitSettings settings;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Map<RateLimitBucket, Counter> refused = new EnumMap<>(RateLimitBucket.class);

    RateLimits(
            RateLimitSettings settings,
            @Value("${spring.cloud.gateway.server.webflux.trusted-proxies:}") String trustedProxies,
            MeterRegistry meters) {
        this.settings = settings;
        this.limiter = new RateLimiter(settings, Clock.systemUTC());
        this.addresses = new ClientAddresses(trustedProxies);
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            refused.put(
                    bucket,
                    Counter.builder("chat.gateway.rate.limited")
                            .description("Requests the gateway answered 429 because their caller was over a rate limit")
                            .tag("bucket", bucket.tag)
                            .register(meters));
        }
    }

    /** Right after Spring Security's filter chain (-100), so that the caller is known. */
    @Override
    public int getOrder() {
        return -99;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RateLimitBucket bucket = settings.enabled() ? RateLimitBucket.of(exchange.getRequest()) : null;
        if (bucket == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .mapNotNull(RateLimits::user)
                // open to anyone (an OPTIONS that is no CORS preflight): counted by address
                .switchIfEmpty(Mono.fromSupplier(() -> address(exchange)))
                .flatMap(caller -> admit(exchange, bucket, caller, () -> chain.filter(exchange)));
    }

    /**
     * {@code refusal} (the 401 of a missing or bad token) for a call on a limited route that is
     * within its client address's allowance, 429 past it.
     */
    ServerAuthenticationEntryPoint countingUnauthenticated(ServerAuthenticationEntryPoint refusal) {
        if (!settings.enabled()) {
            return refusal;
        }
        return (exchange, failure) -> {
            RateLimitBucket bucket = RateLimitBucket.of(exchange.getRequest());
            if (bucket == null) {
                return refusal.commence(exchange, failure);
            }
            return admit(exchange, bucket, address(exchange), () -> refusal.commence(exchange, failure));
        };
    }

    private Mono<Void> admit(
            ServerWebExchange exchange, RateLimitBucket bucket, String caller, Supplier<Mono<Void>> next) {
        return Mono.defer(() -> {
            RateLimiter.Decision decision = limiter.take(bucket, caller);
            ServerHttpResponse response = exchange.getResponse();
            if (!decision.admitted()) {
                refused.get(bucket).increment();
                return tooMany(response, bucket, decision);
            }
            // whoever answers (the service, the gateway's error handling, the 401), the headers go with it
            response.beforeCommit(() -> {
                state(response.getHeaders(), decision);
                return Mono.empty();
            });
            return next.get();
        });
    }

    private Mono<Void> tooMany(ServerHttpResponse response, RateLimitBucket bucket, RateLimiter.Decision decision) {
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        HttpHeaders headers = response.getHeaders();
        state(headers, decision);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        headers.set(HttpHeaders.CONTENT_TYPE, ProblemWriter.CONTENT_TYPE);
        byte[] body = ProblemWriter.body(HttpStatus.TOO_MANY_REQUESTS, detail(bucket, decision, settings.window()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void state(HttpHeaders headers, RateLimiter.Decision decision) {
        headers.set(LIMIT, Integer.toString(decision.limit()));
        headers.set(REMAINING, Integer.toString(decision.remaining()));
        headers.set(RESET, Long.toString(decision.resetSeconds()));
    }

    /** Which limit, and when to retry: {@code Too many messages sent: at most 600 per minute. Try again in 1 second.} */
    static String detail(RateLimitBucket bucket, RateLimiter.Decision decision, Duration window) {
        long wait = decision.retryAfterSeconds();
        return bucket.tooMany + ": at most " + decision.limit() + " per " + per(window) + ". Try again in " + wait
                + (wait == 1 ? " second." : " seconds.");
    }

    private static String per(Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (window.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        if (window.equals(Duration.ofSeconds(1))) {
            return "second";
        }
        if (window.toMillis() % 1000 != 0) {
            return window.toMillis() + " milliseconds";
        }
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }

    /** An end user, by the verified token's user id; null for a principal that is no user. */
    private static @Nullable String user(Principal principal) {
        if (principal instanceof AnonymousAuthenticationToken
                || (principal instanceof Authentication authentication && !authentication.isAuthenticated())) {
            return null;
        }
        if (principal instanceof JwtAuthenticationToken jwt) {
            return ChatCaller.ofUser(jwt.getToken())
                    .map(caller -> "user " + caller.userId())
                    .orElse("client " + jwt.getName());
        }
        return "user " + principal.getName();
    }

    private String address(ServerWebExchange exchange) {
        return "address " + addresses.of(exchange.getRequest());
    }
}
