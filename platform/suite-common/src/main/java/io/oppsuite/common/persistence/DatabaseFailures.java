package io.oppsuite.common.persistence;

import io.vertx.pgclient.PgException;

/**
 * What a database failure means, however Hibernate Reactive and the Vert.x client wrap it: the one
 * reading shared by the REST problem mappers and the event inbox, so an answer's status and a
 * consumer's retry agree. Judged by the SQLState where there is one, else by the failure's kind.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The first SQLState found in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (t instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A unique index refused the write: deterministic, the same write fails the same way again. */
    public static boolean isUniqueViolation(Throwable failure) {
        return "23505".equals(sqlState(failure));
    }

    /** Whether an optimistic-lock check (a stale @Version) failed anywhere in the cause chain: another writer won. */
    public static boolean lostUpdate(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** A lost or closed database connection anywhere in the cause chain. */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || (t instanceof io.vertx.core.VertxException && !(t instanceof PgException)) // PgException: the database answered
                    || (t instanceof io.vertx.core.impl.NoStackTraceThrowable && String.valueOf(t.getMessage()).startsWith("Connection"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection pool itself is closed: the service is shutting down (the Vert.x pool fails every
     * request with a bare "Pool closed" once closed).
     */
    public static boolean poolClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Pool closed".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot serve now but will: connection exceptions (class 08), insufficient resources
     * (53, e.g. too many connections), operator intervention (57: shutting down, starting up, a statement
     * cancelled or timed out), or a failure of the Vert.x client itself: a connection lost, the pool
     * closed or no connection to be had in time (the client's own failures carry only a message).
     */
    public static boolean unavailable(Throwable failure) {
        if (unavailableState(sqlState(failure)) || connectionLost(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }

    /** Whether a SQLState says the database is unavailable (see {@link #unavailable}). */
    public static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }

    /** A serialization failure or deadlock (40001, 40P01): the loser of a race, which may well win a second time. */
    public static boolean raceLost(Throwable failure) {
        String state = sqlState(failure);
        return "40001".equals(state) || "40P01".equals(state);
    }
}
