package chat.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL from zonky's portable binaries (Maven Central, no install), reached as the user
 * {@code postgres} without a password from this machine only.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private PostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** A throw-away cluster in a new temporary folder on a free port, for tests. */
    public static PostgresServer throwAway() {
        try {
            return new PostgresServer(base().start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * A cluster kept in {@code dataDir} across starts, its output appended to {@code logFile}, with
     * every commit on disk before it is answered, as a deployment's.
     */
    public static PostgresServer durable(Path dataDir, Path logFile, int port) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres server = base().setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                // zonky turns both off for throw-away test databases; this one keeps the user's data,
                // and its figures should be a deployment's
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        return new PostgresServer(server);
    }

    private static EmbeddedPostgres.Builder base() {
        return EmbeddedPostgres.builder()
                // Whoever starts it stops it: zonky's own hook would race an orderly shutdown.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1");
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(List<String> databases) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!exists(connection, database)) {
                    try (Statement create = connection.createStatement()) {
                        // Names come from the caller's own code, never from input.
                        create.execute("create database \"" + database + "\"");
                    }
                }
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
