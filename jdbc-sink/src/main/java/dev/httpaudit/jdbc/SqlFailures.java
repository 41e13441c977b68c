package dev.httpaudit.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tells a failure worth retrying (the database is unreachable, restarting, overloaded, or a
 * lock or timeout got in the way) from one that will fail again (a value the table refuses).
 */
final class SqlFailures {

    /** SQLState classes: connection exception, insufficient resources, operator intervention, rollback. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40");
    /** PostgreSQL lock_not_available; H2 lock timeout, database closed, connection broken. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "HYT00", "90098", "90067", "90121");

    /** Chains are short; the bound only guards against a cycle. */
    private static final int MAX_DEPTH = 16;

    private SqlFailures() {
    }

    static boolean isTransient(SQLException failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_DEPTH; t = next(t)) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState (no data, unlike a message) for the failure report. */
    static String state(SQLException failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_DEPTH; t = next(t)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    private static boolean isTransientState(@Nullable String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2)));
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
