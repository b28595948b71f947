package chat.testsupport;

import chat.devissuer.DevTokenIssuer;
import chat.devissuer.IssuerSettings;
import chat.embedded.KafkaServer;
import chat.embedded.LocalPorts;
import chat.embedded.PostgresServer;
import chat.embedded.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real infrastructure of the integration tests, started once per test JVM and shared by every
 * Spring context in it: PostgreSQL (a fresh database per context), a Kafka broker, an S3 store and
 * the token issuer the services trust.
 *
 * <p>Without Docker (these build machines, CI) the components run as the local stack runs them
 * ({@code chat.embedded}): PostgreSQL binaries from Maven Central, a KRaft broker in a child JVM,
 * s3proxy. With Docker, the production images run
 * through Testcontainers instead. {@code -Dchat.test.infrastructure=embedded|containers} forces
 * one; the default picks containers when Docker answers.
 */
public final class ChatInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(ChatInfrastructure.class);
    private static volatile ChatInfrastructure instance;

    private final Postgres postgres;
    private final String kafkaBootstrapServers;
    private final S3Store s3;
    private final DevTokenIssuer tokens;
    private final AtomicInteger databases = new AtomicInteger();

    private ChatInfrastructure(boolean containers) {
        long started = System.nanoTime();
        if (containers) {
            postgres = Postgres.container();
            KafkaContainer kafka = new KafkaContainer(ContainerImages.kafka());
            kafka.start();
            kafkaBootstrapServers = kafka.getBootstrapServers();
            MinIOContainer minio = new MinIOContainer(ContainerImages.minio());
            minio.start();
            s3 = new S3Store(URI.create(minio.getS3URL()), minio.getUserName(), minio.getPassword(), "us-east-1");
        } else {
            // The broker's JVM boots while PostgreSQL and the S3 store start in this one.
            KafkaServer kafka = embeddedKafka();
            postgres = Postgres.embedded();
            s3 = embeddedS3();
            kafkaBootstrapServers = awaitUp(kafka);
        }
        tokens = DevTokenIssuer.start(new IssuerSettings(0, null, kafkaBootstrapServers, Duration.ofMinutes(30)));
        stopAtExit("the token issuer", tokens);
        log.info(
                "Test infrastructure ({}) ready in {} ms",
                containers ? "containers" : "embedded",
                (System.nanoTime() - started) / 1_000_000);
    }

    public static ChatInfrastructure get() {
        ChatInfrastructure current = instance;
        if (current == null) {
            synchronized (ChatInfrastructure.class) {
                if (instance == null) {
                    instance = new ChatInfrastructure(useContainers());
                }
                current = instance;
            }
        }
        return current;
    }

    private static boolean useContainers() {
        String choice = System.getProperty("chat.test.infrastructure", "auto");
        return switch (choice) {
            case "embedded" -> false;
            case "containers" -> true;
            default -> DockerClientFactory.instance().isDockerAvailable();
        };
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
        postgres.execute("create database " + name);
        return postgres.jdbcUrl(name);
    }

    public String databaseUser() {
        return postgres.user();
    }

    public String databasePassword() {
        return postgres.password();
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public S3Store s3() {
        return s3;
    }

    /** The issuer every service under test trusts. */
    public DevTokenIssuer tokens() {
        return tokens;
    }

    private static KafkaServer embeddedKafka() {
        try {
            KafkaServer kafka = KafkaServer.throwAway();
            stopAtExit("Kafka", kafka);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Kafka broker", e);
        }
    }

    private static String awaitUp(KafkaServer kafka) {
        try {
            kafka.awaitUp(Instant.now().plus(Duration.ofMinutes(2)));
            return kafka.bootstrapServers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        }
    }

    private static S3Store embeddedS3() {
        String accessKey = "chat-test";
        String secretKey = "chat-test-secret";
        try {
            S3Server server = S3Server.start(null, 0, accessKey, secretKey, List.of());
            stopAtExit("the S3 store", server);
            return new S3Store(server.endpoint(), accessKey, secretKey, S3Server.REGION);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded S3 store", e);
        }
    }

    /**
     * Stops a part when the JVM exits, after Spring Boot has closed every application context:
     * a context's Kafka consumers leave their groups and its pool closes its connections while
     * the broker and the database still answer. Stopped in a JVM shutdown hook of its own, the
     * broker went away first and each consumer waited out its close timeout, which held the
     * test JVM's exit for 30 s.
     */
    static void stopAtExit(String what, AutoCloseable part) {
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                part.close();
            } catch (Exception e) {
                log.debug("{} did not stop cleanly", what, e);
            }
        });
    }

    static int freePort() {
        return LocalPorts.free();
    }

    /** One PostgreSQL server, embedded or in a container, hosting a database per test context. */
    private record Postgres(String urlPrefix, String user, String password) {

        static Postgres embedded() {
            PostgresServer server = PostgresServer.throwAway();
            stopAtExit("PostgreSQL", server);
            return new Postgres(server.jdbcUrl(""), PostgresServer.USER, "postgres");
        }

        static Postgres container() {
            PostgreSQLContainer container = new PostgreSQLContainer(ContainerImages.postgres());
            container.start();
            return new Postgres(
                    "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/",
                    container.getUsername(),
                    container.getPassword());
        }

        String jdbcUrl(String database) {
            return urlPrefix + database;
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot run: " + sql, e);
            }
        }
    }
}
