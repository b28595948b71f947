package chat.testsupport;

import chat.devissuer.DevTokenIssuer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service's Spring context at the shared {@link ChatInfrastructure}: its own new
 * database, the broker, the S3 store (a bucket of its own) and the test token issuer.
 */
public class ChatInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ChatInfrastructure infrastructure = ChatInfrastructure.get();
        String application = context.getEnvironment().getProperty("spring.application.name", "service");
        String database = infrastructure.newDatabase(application.replace('-', '_'));
        S3Store s3 = infrastructure.s3();
        TestPropertyValues.of(
                        "spring.datasource.url=" + database,
                        "spring.datasource.username=" + infrastructure.databaseUser(),
                        "spring.datasource.password=" + infrastructure.databasePassword(),
                        "spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "chat.security.issuer=" + infrastructure.tokens().issuer(),
                        "chat.security.jwk-set-uri=" + infrastructure.tokens().jwkSetUri(),
                        "spring.security.oauth2.client.registration.chat-service.client-secret="
                                + DevTokenIssuer.SERVICE_CLIENT_SECRET,
                        "chat.s3.endpoint=" + s3.endpoint(),
                        "chat.s3.public-endpoint=" + s3.endpoint(),
                        "chat.s3.access-key=" + s3.accessKey(),
                        "chat.s3.secret-key=" + s3.secretKey(),
                        "chat.s3.region=" + s3.region(),
                        "chat.s3.bucket="
                                + database.substring(database.lastIndexOf('/') + 1)
                                        .replace('_', '-'))
                .applyTo(context);
    }
}
