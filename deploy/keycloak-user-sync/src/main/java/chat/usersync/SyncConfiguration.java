package chat.usersync;

import chat.common.events.Topics;
import chat.common.internal.InternalApiClients;
import chat.common.security.ChatJwt;
import chat.common.security.StatelessResourceServer;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SyncConfiguration.class);

    @Bean
    UserSync userSync(
            SyncSettings settings, InternalApiClients clients, KafkaTemplate<String, String> kafka, JsonMapper json) {
        // The admin API is called with the sync's own client-credentials token, as the services
        // call each other's internal APIs.
        KeycloakUsers realm =
                new KeycloakUsers(clients.to(settings.keycloakUrl()), settings.realm(), settings.pageSize());
        return new UserSync(realm, kafka, json, Clock.systemUTC());
    }

    /** The first run at start (a full republish, which the compacted topic absorbs), then every interval. */
    @Bean
    SchedulingConfigurer syncSchedule(UserSync sync, SyncSettings settings) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(
                () -> {
                    try {
                        sync.run();
                    } catch (RuntimeException e) {
                        // Keycloak or Kafka unreachable: the next run tries again, nothing is lost.
                        log.warn("User sync failed, next run in {}: {}", settings.interval(), e.toString());
                    }
                },
                settings.interval(),
                Duration.ZERO));
    }

    /** Same shape as the services declare, so whichever side starts first creates it correctly. */
    @Bean
    NewTopic userFeedTopic() {
        return TopicBuilder.name(Topics.USERS).partitions(3).compact().build();
    }

    /**
     * Health is open for the orchestrator; {@code POST /sync} takes a token of the realm that is
     * either staff's ({@code chat-admin}) or a chat service's own ({@code chat-service}); nothing
     * else is served. The token rules (issuer, signature, expiry) are common's.
     */
    @Bean
    SecurityFilterChain syncSecurity(
            HttpSecurity http, JwtDecoder decoder, AuthenticationEntryPoint entryPoint, AccessDeniedHandler denied) {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/sync", "/sync/")
                .hasAnyAuthority(ChatJwt.STAFF_AUTHORITY, ChatJwt.SERVICE_AUTHORITY)
                .anyRequest()
                .denyAll());
        StatelessResourceServer.apply(http, decoder, new DefaultBearerTokenResolver(), entryPoint, denied);
        return http.build();
    }
}
