package chat.common.users;

import chat.common.config.LibrarySchema;
import chat.common.events.Topics;
import chat.common.security.ChatCaller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user directory of a rendering service: its table (migrated with its own history table, so
 * it never collides with the service's migrations), the feed consumer, and the refresh from each
 * caller's token. Switched off with {@code chat.user-directory.enabled=false}.
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            JdbcClientAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            KafkaAutoConfiguration.class,
            JacksonAutoConfiguration.class
        })
@ConditionalOnClass({JdbcClient.class, Flyway.class, NewTopic.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "chat.user-directory.enabled", havingValue = "true", matchIfMissing = true)
public class UserDirectoryAutoConfiguration {

    @Bean
    UserDirectory userDirectory(
            DataSource dataSource, JsonMapper json, ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        serviceMigrations.ifAvailable(serviceFirst -> {});
        LibrarySchema.migrate(dataSource, "user-directory");
        return new UserDirectory(JdbcClient.create(dataSource), json);
    }

    @Bean
    UserFeed userFeed(UserDirectory directory, JsonMapper json) {
        return new UserFeed(directory, json);
    }

    @Bean
    NewTopic userFeedTopic() {
        return TopicBuilder.name(Topics.USERS).partitions(3).compact().build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Jwt.class)
    static class TokenRefresh {

        @Bean
        WebMvcConfigurer userDirectoryTokenRefresh(UserDirectory directory) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new TokenProfileRefresh(directory));
                }
            };
        }
    }

    /**
     * Writes what the caller's token says about them into the directory, once per change per
     * instance: the last claims seen per user are remembered in a bounded cache that keeps the
     * users seen lately and often, so a forgotten one costs one more refresh, never a wrong profile.
     */
    static final class TokenProfileRefresh implements HandlerInterceptor {

        private static final int REMEMBERED_USERS = 10_000;

        private final UserDirectory directory;
        private final Cache<Long, ChatCaller> seen =
                Caffeine.newBuilder().maximumSize(REMEMBERED_USERS).build();

        TokenProfileRefresh(UserDirectory directory) {
            this.directory = directory;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                ChatCaller.ofUser(jwt).ifPresent(caller -> {
                    if (!caller.equals(seen.getIfPresent(caller.userId()))) {
                        directory.refresh(caller);
                        seen.put(caller.userId(), caller);
                    }
                });
            }
            return true;
        }
    }
}
