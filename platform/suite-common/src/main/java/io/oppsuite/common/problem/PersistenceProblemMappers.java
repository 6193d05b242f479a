package io.oppsuite.common.problem;

import io.oppsuite.common.persistence.DatabaseFailures;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Database failures that are the client's or a race's doing, not the server's: a write that lost
 * its optimistic-lock check at flush is a stale version (412, as a stale If-Match is), constraint
 * violations 409/422. A database that is unavailable (connection lost, shutting down or starting
 * up, out of connections) is a 503 with Retry-After. Anything else is a bug, not an outage: a 500
 * problem whose {@code errorId} names the failure logged at ERROR. Writes that must tell the current
 * version read the row locked ({@code PESSIMISTIC_WRITE}) so the version check happens at read time.
 */
public class PersistenceProblemMappers {

    private static final Logger LOG = Logger.getLogger(PersistenceProblemMappers.class);

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
        return forSqlState(e.getSqlState(), e);
    }

    /**
     * Hibernate Reactive wraps driver failures in several ways (PgException as a cause, or a
     * Hibernate ConstraintViolationException / JDBCException carrying only the SQLState): the
     * SQLState decides, wherever in the chain it is. Without one, a lost optimistic lock is a 412
     * and a lost connection a 503; any other persistence failure (a mapping or query bug) a 500.
     */
    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e) {
        String state = sqlState(e);
        if (state != null) {
            return forSqlState(state, e);
        }
        if (lostUpdate(e)) {
            return lostUpdateProblem().toResponse();
        }
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e);
        }
        return internalError(e);
    }

    /**
     * Hibernate Reactive reports a connection lost mid-transaction (database restarted) together
     * with the failed rollback as one Mutiny CompositeException ("Connection is not active now" and
     * HR000090): the database is unavailable, a 503 with Retry-After like any other lost connection.
     * A composite of anything else is judged by its first failure's SQLState, or is a 500.
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
            return forSqlState(state, e);
        }
        return internalError(e);
    }

    /** A lost or closed database connection anywhere in the cause chain. */
    static boolean connectionLost(Throwable failure) {
        return DatabaseFailures.connectionLost(failure);
    }

    /** Whether an optimistic-lock check (a stale @Version) failed anywhere in the cause chain: another writer won. */
    public static boolean lostUpdate(Throwable failure) {
        return DatabaseFailures.lostUpdate(failure);
    }

    /** The first SQLState found in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        return DatabaseFailures.sqlState(failure);
    }

    /** A lost race on a unique index, however it is wrapped: services turn it into their own 409. */
    public static boolean isUniqueViolation(Throwable failure) {
        return DatabaseFailures.isUniqueViolation(failure);
    }

    static Response forSqlState(String sqlState, Throwable failure) {
        String state = sqlState == null ? "" : sqlState;
        if (state.equals("23505")) {
            return Problems.conflict("duplicate", "Already exists", "a record with the same unique values already exists", null).toResponse();
        }
        // class 22 (data exception: too long, out of range, NUL byte...) and 23 (integrity): the input's doing
        if (state.startsWith("22") || state.startsWith("23")) {
            return Problems.unprocessable("constraint-violation", "Constraint violated", "the request violates a data constraint", null).toResponse();
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return Problems.concurrentModification("a concurrent request conflicted; retry").toResponse();
        }
        if (DatabaseFailures.unavailableState(state)) {
            return Problems.serviceUnavailable("database unavailable; retry later", 2).toResponse();
        }
        // e.g. an undefined column or a syntax error (class 42): a bug that retrying will not fix
        return internalError(failure);
    }

    /**
     * A failure nobody expected: logged at ERROR under a fresh id that the 500 problem carries, so a
     * report quoting it finds the stack trace.
     */
    static Response internalError(Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "unexpected persistence failure, error id %s", errorId);
        return Problems.internalError(errorId).toResponse();
    }

    /** Database unreachable (restart, failover): tell the client to come back, never a bare 500. */
    // SocketException covers refused connections and connections reset mid-query (a restart)
    @ServerExceptionMapper({java.net.SocketException.class, java.net.ConnectException.class, io.vertx.sqlclient.ClosedConnectionException.class,
            io.vertx.core.VertxException.class})
    public Response unavailable(Exception e) {
        return Problems.serviceUnavailable("database unavailable; retry later", 2).toResponse();
    }
}
