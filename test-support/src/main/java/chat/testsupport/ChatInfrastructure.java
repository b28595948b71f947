package chat.testsupport;

import chat.devissuer.DevTokenIssuer;
import chat.devissuer.IssuerSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real infrastructure of the integration tests, started once per test JVM and shared by every
 * Spring context in it: PostgreSQL (a fresh database per context), a Kafka broker, an S3 store and
 * the token issuer the services trust.
 *
 * <p>Without Docker (these build machines, CI) the components run embedded: PostgreSQL binaries
 * from Maven Central, a KRaft broker in the JVM, s3proxy. With Docker, the production images run
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
            postgres = Postgres.embedded();
            EmbeddedKafkaBroker kafka = new EmbeddedKafkaKraftBroker(1, 3)
                    .brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
            kafkaBootstrapServers = kafka.getBrokersAsString();
            s3 = embeddedS3();
        }
        tokens = DevTokenIssuer.start(new IssuerSettings(0, null, kafkaBootstrapServers, Duration.ofMinutes(30)));
        Runtime.getRuntime().addShutdownHook(new Thread(tokens::close));
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

    private static S3Store embeddedS3() {
        String identity = "chat-test";
        String credential = "chat-test-secret";
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(identity, credential)
                .build(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
                .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded S3 store", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                log.debug("S3 store did not stop cleanly", e);
            }
        }));
        return new S3Store(endpoint, identity, credential, "us-east-1");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One PostgreSQL server, embedded or in a container, hosting a database per test context. */
    private record Postgres(String urlPrefix, String user, String password) {

        static Postgres embedded() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        log.debug("PostgreSQL did not stop cleanly", e);
                    }
                }));
                return new Postgres("jdbc:postgresql://localhost:" + server.getPort() + "/", "postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
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
