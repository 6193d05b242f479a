package io.oppsuite.common.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistenceProblemMappersTest {

    private final PersistenceProblemMappers mappers = new PersistenceProblemMappers();

    /** What Hibernate Reactive raised when PostgreSQL restarted mid-transaction (seen in FaultToleranceIT). */
    @Test
    void aConnectionLostWithItsFailedRollbackIsServiceUnavailable() {
        CompositeException lost = new CompositeException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection: it will be roll backed"));

        Response response = mappers.composite(lost);

        assertEquals(503, response.getStatus());
        assertEquals("2", response.getHeaderString("Retry-After"));
    }

    @Test
    void aCompositeLedByAConstraintViolationKeepsItsStatus() {
        CompositeException duplicate = new CompositeException(
                new PgException("duplicate key", "ERROR", "23505", "detail"), new IllegalStateException("rollback failed"));

        assertEquals(409, mappers.composite(duplicate).getStatus());
    }

    @Test
    void anyOtherCompositeStaysAServerError() {
        CompositeException bug = new CompositeException(new IllegalStateException("a"), new NullPointerException("b"));

        assertEquals(500, mappers.composite(bug).getStatus());
        assertFalse(PersistenceProblemMappers.connectionLost(bug));
        assertTrue(PersistenceProblemMappers.connectionLost(new RuntimeException(new java.net.ConnectException("refused"))));
    }
}
