package io.oppsuite.common.problem;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures that are the client's or a race's doing, not the server's: a write that lost
 * its optimistic-lock check at flush is a stale version (412, as a stale If-Match is), constraint
 * violations 409/422. Everything else stays a 500. Writes that must tell the current version
 * read the row locked ({@code PESSIMISTIC_WRITE}) so the version check happens at read time.
 */
public class PersistenceProblemMappers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PersistenceProblemMappers.class);

    @ServerExceptionMapper
    public Response optimisticLock(org.hibernate.StaleStateException e) {
        return lostUpdateProblem().toResponse();
    }

    @ServerExceptionMapper
    public Response optimisticLock(jakarta.persistence.OptimisticLockException e) {
        return lostUpdateProblem().toResponse();
    }

    /** What a write that lost its version check at flush answers: 412, reload (GET gives the current version) and retry. */
    public static io.quarkiverse.resteasy.problem.HttpProblem lostUpdateProblem() {
        return Problems.staleAtWrite("the record was changed by another request after this one read it; reload and retry");
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        return forSqlState(e.getSqlState());
    }

    /**
     * Hibernate Reactive wraps driver failures in several ways (PgException as a cause, or a
     * Hibernate ConstraintViolationException / JDBCException carrying only the SQLState): the
     * SQLState decides, wherever in the chain it is.
     */
    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e) {
        String state = sqlState(e);
        if (state != null) {
            return forSqlState(state);
        }
        if (connectionLost(e)) {
            return unavailable(e);
        }
        return Problems.serviceUnavailable("persistence failure; retry later", 2).toResponse();
    }

    /**
     * Hibernate Reactive reports a connection lost mid-transaction (database restarted) together
     * with the failed rollback as one Mutiny CompositeException ("Connection is not active now" and
     * HR000090): the database is unavailable, a 503 with Retry-After like any other lost connection.
     * A composite of anything else is judged by its first failure's SQLState, or stays a 500.
     */
    @ServerExceptionMapper
    public Response composite(io.smallrye.mutiny.CompositeException e) {
        for (Throwable cause : e.getCauses()) {
            if (connectionLost(cause)) {
                return unavailable(e);
            }
        }
        if (e.getCauses().stream().anyMatch(PersistenceProblemMappers::lostUpdate)) {
            return lostUpdateProblem().toResponse();
        }
        String state = sqlState(e.getCause());
        if (state != null) {
            return forSqlState(state);
        }
        LOG.error("unhandled failure", e);
        return io.quarkiverse.resteasy.problem.HttpProblem.builder().withStatus(Response.Status.INTERNAL_SERVER_ERROR)
                .withTitle("Internal Server Error").build().toResponse();
    }

    /** A lost or closed database connection anywhere in the cause chain. */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || (t instanceof io.vertx.core.VertxException && !(t instanceof PgException)) // PgException: the database answered
                    || (t instanceof io.vertx.core.impl.NoStackTraceThrowable && String.valueOf(t.getMessage()).startsWith("Connection"))) {
                return true;
            }
        }
        return false;
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

    /** A lost race on a unique index, however it is wrapped: services turn it into their own 409. */
    public static boolean isUniqueViolation(Throwable failure) {
        return "23505".equals(sqlState(failure));
    }

    private static Response forSqlState(String sqlState) {
        String state = sqlState == null ? "" : sqlState;
        if (state.equals("23505")) {
            return Problems.conflict("duplicate", "Already exists", "a record with the same unique values already exists", null).toResponse();
        }
        // class 22 (data exception: too long, out of range, NUL byte...) and 23 (integrity): the input's doing
        if (state.startsWith("22") || state.startsWith("23")) {
            return Problems.unprocessable("constraint-violation", "Constraint violated", "the request violates a data constraint", null).toResponse();
        }
        return switch (state) {
            case "40001", "40P01" -> Problems.concurrentModification("a concurrent request conflicted; retry").toResponse();
            default -> Problems.serviceUnavailable("database error; retry later", 2).toResponse();
        };
    }

    /** Database unreachable (restart, failover): tell the client to come back, never a bare 500. */
    // SocketException covers refused connections and connections reset mid-query (a restart)
    @ServerExceptionMapper({java.net.SocketException.class, java.net.ConnectException.class, io.vertx.sqlclient.ClosedConnectionException.class,
            io.vertx.core.VertxException.class})
    public Response unavailable(Exception e) {
        return Problems.serviceUnavailable("database unavailable; retry later", 2).toResponse();
    }
}
