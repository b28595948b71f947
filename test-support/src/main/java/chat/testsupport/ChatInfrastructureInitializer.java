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
        // The names a deployment sets (deploy/local/service-environment.properties), so that the
        // tests go through the same defaults file (chat-defaults.properties) as a running service.
        TestPropertyValues.of(
                        "DB_URL=" + database,
                        "DB_USERNAME=" + infrastructure.databaseUser(),
                        "DB_PASSWORD=" + infrastructure.databasePassword(),
                        "KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.kafkaBootstrapServers(),
                        "CHAT_JWT_ISSUER=" + infrastructure.tokens().issuer(),
                        "CHAT_JWK_SET_URI=" + infrastructure.tokens().jwkSetUri(),
                        "CHAT_CLIENT_SECRET=" + DevTokenIssuer.SERVICE_CLIENT_SECRET,
                        "S3_ENDPOINT=" + s3.endpoint(),
                        "S3_PUBLIC_ENDPOINT=" + s3.endpoint(),
                        "S3_ACCESS_KEY=" + s3.accessKey(),
                        "S3_SECRET_KEY=" + s3.secretKey(),
                        "S3_REGION=" + s3.region(),
                        "S3_BUCKET="
                                + database.substring(database.lastIndexOf('/') + 1)
                                        .replace('_', '-'))
                .applyTo(context);
    }
}
