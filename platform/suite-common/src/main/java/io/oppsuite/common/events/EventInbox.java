package io.oppsuite.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * The one idempotent-consumer path of the suite. The event id is recorded in
 * {@code processed_event} in the same transaction as the projection change, so a
 * redelivered event changes nothing twice. Poison messages (and handler rule failures) are
 * nacked, which the channel's {@code dead-letter-queue} failure strategy sends to the
 * service's dead-letter topic while the consumer goes on. Transient failures (database
 * down, serialization conflicts) are retried in place, holding the partition's order.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "23505", "57P01", "57P02", "57P03", "53300");

    @Inject
    CloudEventReader reader;

    public Uni<Void> consume(String consumer, Message<?> message, Function<EventEnvelope, Uni<Void>> handler) {
        EventEnvelope event;
        try {
            event = reader.read(message);
        } catch (PoisonMessageException e) {
            LOG.warnf("%s: poison message to dead-letter topic: %s", consumer, e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Panache.withTransaction(() -> firstDelivery(consumer, event.id())
                        .chain(first -> first ? handler.apply(event) : Uni.createFrom().voidItem()))
                .onFailure(EventInbox::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("%s: event %s (%s) failed, to dead-letter topic: %s", consumer, event.id(), event.type(), failure.toString());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /** True the first time this consumer sees the event id; must run inside the projection's transaction. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (TRANSIENT_SQL_STATES.contains(state) || state.startsWith("08"));
            }
            // "Pool closed" and friends while the service shuts down: never a reason to dead-letter an
            // event; it stays uncommitted and is redelivered after the restart
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof ConnectException || t instanceof io.vertx.core.VertxException
                    || t instanceof java.io.IOException || t instanceof org.hibernate.StaleStateException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
