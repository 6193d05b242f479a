package io.oppsuite.common.events;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oppsuite.common.events.EventInbox.Verdict;
import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.PersistenceException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which consumer failures are retried, how often and how long apart, and what is counted. */
class EventInboxRetryTest {

    static PgException pg(String state) {
        return new PgException("failed", "ERROR", state, "detail");
    }

    @Test
    void aUniqueViolationIsDeterministicNeverTransient() {
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(pg("23505"), false));
        // however Hibernate Reactive wraps it
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new CompletionException(new HibernateException("insert failed", pg("23505"))), false));
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new org.hibernate.exception.ConstraintViolationException(
                "duplicate", new java.sql.SQLException("duplicate", "23505"), "processed_event_pkey"), false));
    }

    @Test
    void lostRacesAreTransientAndAnUnavailableDatabaseIsWaitedOut() {
        assertEquals(Verdict.TRANSIENT, EventInbox.verdict(pg("40001"), false));
        assertEquals(Verdict.TRANSIENT, EventInbox.verdict(new HibernateException(pg("40P01")), false));
        assertEquals(Verdict.TRANSIENT, EventInbox.verdict(new jakarta.persistence.OptimisticLockException("stale"), false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(pg("57P01"), false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(pg("08006"), false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(pg("53300"), false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(new RuntimeException(new ConnectException("refused")), false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(ClosedConnectionException.INSTANCE, false));
        assertEquals(Verdict.UNAVAILABLE, EventInbox.verdict(new NoStackTraceThrowable("Connection is not active now"), false));
    }

    @Test
    void unknownFailuresAreNotTransient() {
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new PersistenceException("no SQL state"), false));
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new HibernateException("HR000000: mapping"), false));
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(pg("42703"), false)); // undefined column: a bug
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(pg("22001"), false));
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new IllegalStateException("rule"), false));
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(new java.io.IOException("not the database"), false));
    }

    @Test
    void aClosedPoolOrAStoppingServiceWaitsForTheRestart() {
        assertEquals(Verdict.SHUTDOWN, EventInbox.verdict(new PersistenceException(new NoStackTraceThrowable("Pool closed")), false));
        assertEquals(Verdict.SHUTDOWN, EventInbox.verdict(pg("57P01"), true));
        // stopping does not make a bug worth waiting for
        assertEquals(Verdict.PERMANENT, EventInbox.verdict(pg("23505"), true));
    }

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        Duration initial = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(5);
        assertEquals(Duration.ofMillis(100), EventInbox.backoff(1, initial, max));
        assertEquals(Duration.ofMillis(200), EventInbox.backoff(2, initial, max));
        assertEquals(Duration.ofMillis(3200), EventInbox.backoff(6, initial, max));
        assertEquals(max, EventInbox.backoff(7, initial, max));
        assertEquals(max, EventInbox.backoff(200, initial, max));
    }

    @Test
    void aTransientFailureThatKeepsComingBackIsRetriedABoundedNumberOfTimes() {
        EventInbox inbox = inbox(3);
        AtomicInteger attempts = new AtomicInteger();
        PgException conflict = pg("40001");
        Throwable failure = assertThrows(PgException.class, () -> inbox.retried("c", "event e (t)",
                () -> Uni.createFrom().<Void>failure(conflict).onSubscription().invoke(attempts::incrementAndGet)).await().atMost(Duration.ofSeconds(5)));
        assertSame(conflict, failure);
        assertEquals(4, attempts.get(), "the first attempt and three retries");
        assertEquals(3, retried(inbox, "c"));
    }

    @Test
    void aTransientFailureThatPassesIsNotDeadLettered() {
        EventInbox inbox = inbox(3);
        AtomicInteger attempts = new AtomicInteger();
        inbox.retried("c", "event e (t)", () -> Uni.createFrom().voidItem().onSubscription().invoke(attempts::incrementAndGet)
                .chain(() -> attempts.get() < 3 ? Uni.createFrom().failure(pg("40P01")) : Uni.createFrom().voidItem()))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(3, attempts.get());
        assertEquals(2, retried(inbox, "c"));
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        EventInbox inbox = inbox(3);
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(PgException.class, () -> inbox.retried("c", "event e (t)",
                () -> Uni.createFrom().<Void>failure(pg("23505")).onSubscription().invoke(attempts::incrementAndGet)).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, attempts.get());
        assertEquals(0, retried(inbox, "c"));
    }

    @Test
    void aClosedPoolIsRetriedBeyondTheBoundAndNotCountedAsARetry() {
        EventInbox inbox = inbox(2);
        AtomicInteger attempts = new AtomicInteger();
        inbox.retried("c", "event e (t)", () -> Uni.createFrom().voidItem().onSubscription().invoke(attempts::incrementAndGet)
                .chain(() -> attempts.get() < 6 ? Uni.createFrom().failure(new NoStackTraceThrowable("Pool closed")) : Uni.createFrom().voidItem()))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(6, attempts.get(), "never dead-lettered while the service stops");
        assertEquals(0, retried(inbox, "c"));
    }

    static double retried(EventInbox inbox, String consumer) {
        var counter = inbox.registry.find(EventInbox.METRIC).tags("consumer", consumer, "outcome", "retried").counter();
        return counter == null ? 0 : counter.count();
    }

    static EventInbox inbox(int maxRetries) {
        EventInbox inbox = new EventInbox();
        inbox.registry = new SimpleMeterRegistry();
        inbox.config = new InboxConfig() {
            @Override
            public int maxRetries() {
                return maxRetries;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(4);
            }

            @Override
            public Duration retention() {
                return Duration.ofDays(14);
            }
        };
        return inbox;
    }
}
