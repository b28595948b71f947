package chat.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean the database is out of reach (503) and which are faults (500). */
class StoreUnavailableTests {

    /** What Hikari throws when no connection comes within its connection timeout. */
    static SQLTransientConnectionException poolTimedOut() {
        return new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms",
                "08001",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException()));
    }

    @Test
    void aPoolThatCannotConnectIsUnavailableHoweverSpringWrapsIt() {
        assertThat(StoreUnavailable.is(poolTimedOut())).isTrue();
        assertThat(StoreUnavailable.is(
                        new CannotCreateTransactionException("Could not open JPA EntityManager", poolTimedOut())))
                .isTrue();
        assertThat(StoreUnavailable.is(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimedOut())))
                .isTrue();
    }

    @Test
    void aServerShuttingDownUnderAnOpenTransactionIsUnavailable() {
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        assertThat(StoreUnavailable.is(new IllegalStateException("commit failed", terminated)))
                .isTrue();
        assertThat(StoreUnavailable.is(new TransactionSystemException("Could not commit", terminated)))
                .isTrue();
        assertThat(StoreUnavailable.is(new UncategorizedSQLException(
                        "insert", "insert into message", new SQLException("I/O error", "08006"))))
                .isTrue();
    }

    /**
     * A fast shutdown under an open transaction, as it surfaces: the statement fails, the rollback
     * then finds the connection closed, and Spring throws the rollback's failure.
     */
    @Test
    void aRollbackOnAConnectionTheServerClosedIsUnavailable() {
        RuntimeException rollback = new IllegalStateException(
                "Unable to rollback against JDBC Connection",
                new IllegalStateException(
                        "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        assertThat(StoreUnavailable.is(rollback)).isTrue();
        assertThat(StoreUnavailable.is(new SQLException("Connection is closed", "42000")))
                .isFalse();
    }

    @Test
    void otherDataAccessFailuresAreNot() {
        assertThat(StoreUnavailable.is(new DataIntegrityViolationException(
                        "duplicate key", new SQLException("duplicate key value", "23505"))))
                .isFalse();
        assertThat(StoreUnavailable.is(new InvalidDataAccessApiUsageException("bad call")))
                .isFalse();
        assertThat(StoreUnavailable.is(
                        new UncategorizedSQLException("select", "select", new SQLException("syntax error", "42601"))))
                .isFalse();
        assertThat(StoreUnavailable.is(new IllegalStateException("no cause"))).isFalse();
        assertThat(StoreUnavailable.is(null)).isFalse();
    }

    @Test
    void readsOnlyTheStatesOfConnectionsAndShutdowns() {
        assertThat(StoreUnavailable.isUnavailableState("08001")).isTrue();
        assertThat(StoreUnavailable.isUnavailableState("08006")).isTrue();
        assertThat(StoreUnavailable.isUnavailableState("57P01")).isTrue();
        assertThat(StoreUnavailable.isUnavailableState("57P03")).isTrue();
        assertThat(StoreUnavailable.isUnavailableState("57014")).isFalse(); // query cancelled
        assertThat(StoreUnavailable.isUnavailableState("40001")).isFalse();
        assertThat(StoreUnavailable.isUnavailableState(null)).isFalse();
    }
}
