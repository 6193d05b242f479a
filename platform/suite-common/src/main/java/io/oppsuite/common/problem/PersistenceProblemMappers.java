package io.oppsuite.common.problem;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures that are the client's or a race's doing, not the server's: lost
 * optimistic-lock races are 409, constraint violations 409/422. Everything else stays a 500.
 */
public class PersistenceProblemMappers {

    @ServerExceptionMapper
    public Response optimisticLock(org.hibernate.StaleStateException e) {
        return Problems.concurrentModification("the record was changed by another request; reload and retry").toResponse();
    }

    @ServerExceptionMapper
    public Response optimisticLock(jakarta.persistence.OptimisticLockException e) {
        return Problems.concurrentModification("the record was changed by another request; reload and retry").toResponse();
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        return switch (state) {
            case "23505" -> Problems.conflict("duplicate", "Already exists",
                    "a record with the same unique values already exists", null).toResponse();
            case "23503", "23514", "22001", "22003", "22P02" -> Problems.unprocessable("constraint-violation",
                    "Constraint violated", "the request violates a data constraint", null).toResponse();
            case "40001", "40P01" -> Problems.concurrentModification("a concurrent request conflicted; retry").toResponse();
            default -> Problems.serviceUnavailable("database error; retry later", 2).toResponse();
        };
    }

    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return database(pg);
            }
            if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return unavailable(e);
            }
        }
        return Problems.serviceUnavailable("persistence failure; retry later", 2).toResponse();
    }

    /** Database unreachable (restart, failover): tell the client to come back, never a bare 500. */
    @ServerExceptionMapper({java.net.ConnectException.class, io.vertx.sqlclient.ClosedConnectionException.class,
            io.vertx.core.VertxException.class})
    public Response unavailable(Exception e) {
        return Problems.serviceUnavailable("database unavailable; retry later", 2).toResponse();
    }
}
