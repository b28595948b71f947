package chat.common.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached right now, rather than a fault of the
 * request or the code: a pool that timed out waiting for a connection, a refused or broken
 * connection, a server shutting down. Those are answered 503, since the same request succeeds once
 * the database is back; anything else stays a 500.
 */
final class StoreUnavailable {

    private StoreUnavailable() {}

    static boolean is(@Nullable Throwable failure) {
        // a cause chain is short; the bound only guards against a chain that loops
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current instanceof CannotCreateTransactionException
                    || current instanceof DataAccessResourceFailureException
                    || current instanceof SQLTransientConnectionException
                    || current instanceof SQLNonTransientConnectionException
                    || current instanceof SQLRecoverableException) {
                return true;
            }
            if (current instanceof SQLException sql
                    && (isUnavailableState(sql.getSQLState()) || isClosedPooledConnection(sql))) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    /**
     * Hikari's answer, without a SQLSTATE, on a connection it already closed because the server
     * ended it: seen when the rollback after a failed statement finds the connection gone, and
     * the rollback's failure is what reaches the handler.
     */
    static boolean isClosedPooledConnection(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    /**
     * SQLSTATE class 08 is a connection exception; 57P01 to 57P03 are PostgreSQL's admin shutdown,
     * crash shutdown and "cannot connect now" (starting up or shutting down).
     */
    static boolean isUnavailableState(@Nullable String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
