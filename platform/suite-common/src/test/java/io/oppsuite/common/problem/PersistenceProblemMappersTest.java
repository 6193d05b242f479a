package io.oppsuite.common.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void anUnknownPersistenceFailureIsAServerErrorWithAnIdNotAnOutage() {
        Response response = mappers.persistence(new jakarta.persistence.PersistenceException(
                new IllegalArgumentException("org.example.Mapping cannot be cast")));

        assertEquals(500, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertNull(response.getHeaderString("Retry-After"));
        HttpProblem problem = (HttpProblem) response.getEntity();
        assertEquals(URI.create("https://oppsuite.io/problems/internal-error"), problem.getType());
        String errorId = (String) problem.getParameters().get("errorId");
        assertNotNull(errorId);
        UUID.fromString(errorId);
        assertTrue(problem.getDetail().contains(errorId), problem.getDetail());
        assertFalse(problem.getDetail().matches(".*([a-z]+\\.)+[A-Z]\\w*.*"), "the detail names no Java class: " + problem.getDetail());
        // every occurrence its own id
        HttpProblem again = (HttpProblem) mappers.persistence(new jakarta.persistence.PersistenceException("bug")).getEntity();
        assertNotEquals(errorId, again.getParameters().get("errorId"));
    }

    @Test
    void aSqlStateNobodyExpectsIsAServerErrorToo() {
        // undefined column: a mapping bug, which no retry fixes
        assertEquals(500, mappers.database(new PgException("column x does not exist", "ERROR", "42703", "d")).getStatus());
        assertEquals(500, mappers.persistence(new org.hibernate.HibernateException(new PgException("m", "ERROR", "XX000", "d"))).getStatus());
    }

    @Test
    void onlyAnUnavailableDatabaseIsServiceUnavailable() {
        for (Throwable cause : List.of(new java.net.ConnectException("refused"), new PgException("shutting down", "FATAL", "57P01", "d"),
                new PgException("starting up", "FATAL", "57P03", "d"), new PgException("too many", "FATAL", "53300", "d"),
                new PgException("gone", "FATAL", "08006", "d"), new NoStackTraceThrowable("Pool closed"))) {
            Response response = mappers.persistence(new jakarta.persistence.PersistenceException(cause));
            assertEquals(503, response.getStatus(), cause.toString());
            assertEquals("2", response.getHeaderString("Retry-After"));
        }
        assertEquals(409, mappers.persistence(new jakarta.persistence.PersistenceException(new PgException("d", "ERROR", "23505", "d"))).getStatus());
        assertEquals(409, mappers.persistence(new jakarta.persistence.PersistenceException(new PgException("d", "ERROR", "40001", "d"))).getStatus());
        assertEquals(422, mappers.persistence(new jakarta.persistence.PersistenceException(new PgException("d", "ERROR", "22001", "d"))).getStatus());
        assertEquals(412, mappers.persistence(new jakarta.persistence.PersistenceException(new org.hibernate.StaleStateException("stale"))).getStatus());
    }
}
