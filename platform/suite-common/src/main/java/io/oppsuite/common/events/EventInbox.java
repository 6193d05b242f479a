package io.oppsuite.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
        Context context = Vertx.currentContext();
        // every attempt starts on the consumer's own context: a retry is resubscribed from a timer thread
        return backOn(context).chain(() -> Panache.withTransaction(() -> firstDelivery(consumer, event.id())
                        .chain(first -> first ? handler.apply(event) : Uni.createFrom().voidItem())))
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

    /**
     * The batch form of {@link #consume}, for a channel with {@code batch=true}: every event of
     * one poll that this consumer has not seen yet goes to {@code handler} in one transaction
     * (one commit, and a projection may fold its writes), in the order they arrived. Events the
     * handler's {@code relevant} test turns down are acknowledged without touching the database.
     * Poison records go to the dead-letter topic one by one. A handler failure that is not
     * transient rolls the batch back and replays it record by record through {@link #consume},
     * so only the offending event is dead-lettered. The batch is acknowledged as a whole.
     */
    public Uni<Void> consumeBatch(String consumer, KafkaRecordBatch<?, ?> batch, Predicate<EventEnvelope> relevant,
                                  Function<List<EventEnvelope>, Uni<Void>> handler) {
        Context context = Vertx.currentContext();
        List<? extends Message<?>> records = batch.getRecords();
        List<Message<?>> handled = new ArrayList<>(records.size());
        List<EventEnvelope> events = new ArrayList<>(records.size());
        List<Uni<Void>> nacks = new ArrayList<>();
        for (Message<?> record : records) {
            try {
                EventEnvelope event = reader.read(record);
                if (relevant.test(event)) {
                    handled.add(record);
                    events.add(event);
                }
            } catch (PoisonMessageException e) {
                LOG.warnf("%s: poison message to dead-letter topic: %s", consumer, e.getMessage());
                nacks.add(Uni.createFrom().completionStage(() -> record.nack(e)));
            }
        }
        // every attempt starts on the consumer's own context: a retry is resubscribed from a timer thread
        Uni<Void> work = events.isEmpty() ? Uni.createFrom().voidItem() : backOn(context).chain(() -> Panache.<Void>withTransaction(
                        () -> firstDeliveries(consumer, events).chain(first -> first.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(first))))
                        .onFailure(EventInbox::isTransient).invoke(e -> LOG.debugf("%s: batch of %d will be retried: %s", consumer, events.size(), e))
                        .onFailure(EventInbox::isTransient).retry()
                        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                        .onFailure().recoverWithUni((Throwable failure) -> {
                            LOG.debugf("%s: batch of %d failed (%s), replaying it one event at a time", consumer, events.size(), failure);
                            return inTurn(handled, record -> backOn(context)
                                    .chain(() -> consume(consumer, record, event -> handler.apply(List.of(event)))));
                        });
        LOG.debugf("%s: batch of %d records, %d to apply, %d poison", consumer, records.size(), events.size(), nacks.size());
        return Uni.join().all(nacks.isEmpty() ? List.of(Uni.createFrom().voidItem()) : nacks).andCollectFailures()
                .chain(() -> work)
                .invoke(() -> LOG.debugf("%s: batch of %d records done", consumer, records.size()))
                // the commit strategy tracks the last record of each partition: acking the batch acks those
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * Continues on the consumer's own (safe, duplicated) Vert.x context, which Hibernate Reactive
     * needs: a dead-letter send or a failed transaction may complete on another thread.
     */
    private static Uni<Void> backOn(Context context) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return context == null ? now : now.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /**
     * A batch handler that applies each event in turn with {@code handler}, flushing and clearing
     * the session in between: the same as one transaction per event, but for the commit.
     */
    public static Function<List<EventEnvelope>, Uni<Void>> eachInTurn(Function<EventEnvelope, Uni<Void>> handler) {
        return events -> inTurn(events, event -> handler.apply(event)
                .chain(Panache::getSession).chain(session -> session.flush().invoke(session::clear)));
    }

    /**
     * Runs {@code step} for each item, one after the other. A stream, not a loop of chained Unis: a
     * chain as long as a poll (hundreds) is subscribed recursively and overflows the event loop's stack.
     */
    public static <T> Uni<Void> inTurn(List<T> items, Function<T, Uni<Void>> step) {
        return Multi.createFrom().<T>iterable(items).onItem().<Void>transformToUniAndConcatenate(item -> step.apply(item))
                .collect().last().replaceWithVoid();
    }

    /**
     * The events of a batch this consumer sees for the first time (a duplicate within the batch
     * counts once), recorded as processed in one statement; must run inside the projection's
     * transaction.
     */
    Uni<List<EventEnvelope>> firstDeliveries(String consumer, List<EventEnvelope> events) {
        String[] ids = events.stream().map(EventEnvelope::id).distinct().toArray(String[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_event (consumer, event_id) select ?1, id from unnest(cast(?2 as varchar[])) as t(id)
                        on conflict do nothing returning event_id""", String.class)
                .setParameter(1, consumer)
                .setParameter(2, ids)
                .getResultList())
                .map(inserted -> {
                    Set<String> fresh = new HashSet<>(inserted);
                    List<EventEnvelope> first = new ArrayList<>(fresh.size());
                    for (EventEnvelope event : events) {
                        if (fresh.remove(event.id())) {
                            first.add(event);
                        }
                    }
                    return first;
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
