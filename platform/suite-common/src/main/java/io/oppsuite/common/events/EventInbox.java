package io.oppsuite.common.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.oppsuite.common.persistence.DatabaseFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one idempotent-consumer path of the suite. The event id is recorded in
 * {@code processed_event} in the same transaction as the projection change, so a
 * redelivered event changes nothing twice. Poison messages (and handler rule failures) are
 * nacked, which the channel's {@code dead-letter-queue} failure strategy sends to the
 * service's dead-letter topic while the consumer goes on. Transient failures (serialization
 * conflicts, deadlocks, a lost optimistic lock) are retried in place, holding the partition's
 * order, with exponential backoff and at most {@code suite.inbox.max-retries} times: a failure
 * that keeps coming back is a bug or bad data, and is dead-lettered rather than stalling the
 * partition. An unavailable database is waited out without bound (every event would fail alike,
 * and a dead-lettered event is lost to the projection), and so is a closed pool (the service
 * stopping: the event stays uncommitted and is redelivered after the restart). Every retry is
 * logged at WARN and counted in {@code inbox.failures{consumer, outcome}} with outcome
 * {@code retried} (or {@code waiting} for the database), every dead letter with outcome
 * {@code dead-lettered}.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    static final String METRIC = "inbox.failures";

    /** How a failed attempt goes on. */
    enum Verdict {
        /** The same attempt fails the same way again: dead-letter it now. */
        PERMANENT,
        /** May pass on a later attempt: retry, up to the bound. */
        TRANSIENT,
        /** The service is stopping: retry until it stops, never dead-letter (redelivered after the restart). */
        SHUTDOWN,
        /**
         * The database cannot be reached: wait it out, never dead-letter. Every event of the
         * partition would fail the same way, and a dead-lettered event is lost to the projection.
         */
        UNAVAILABLE
    }

    @Inject
    CloudEventReader reader;

    @Inject
    InboxConfig config;

    @Inject
    MeterRegistry registry;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public Uni<Void> consume(String consumer, Message<?> message, Function<EventEnvelope, Uni<Void>> handler) {
        EventEnvelope event;
        try {
            event = reader.read(message);
        } catch (PoisonMessageException e) {
            LOG.warnf("%s: poison message to dead-letter topic: %s", consumer, e.getMessage());
            count(consumer, "dead-lettered");
            return Uni.createFrom().completionStage(message.nack(e));
        }
        Context context = Vertx.currentContext();
        // every attempt starts on the consumer's own context: a retry is resubscribed from a timer thread
        return retried(consumer, "event " + event.id() + " (" + event.type() + ")",
                () -> backOn(context).chain(() -> Panache.withTransaction(() -> firstDelivery(consumer, event.id())
                        .chain(first -> first ? handler.apply(event) : Uni.createFrom().voidItem()))))
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("%s: event %s (%s) failed, to dead-letter topic: %s", consumer, event.id(), event.type(), failure.toString());
                    count(consumer, "dead-lettered");
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /**
     * Runs {@code attempt}, and again after a transient failure, waiting {@code initial-backoff},
     * then twice as long each time up to {@code max-backoff}, at most {@code max-retries} times;
     * fails with the last failure when it is not transient or the retries are used up.
     */
    <T> Uni<T> retried(String consumer, String what, Supplier<Uni<T>> attempt) {
        return retried(consumer, what, attempt, 1, 1);
    }

    /** {@code retry}: the number of the next transient retry (bounded); {@code wait}: of the next wait (either kind). */
    private <T> Uni<T> retried(String consumer, String what, Supplier<Uni<T>> attempt, int retry, int wait) {
        return attempt.get().onFailure().recoverWithUni(failure -> {
            Verdict verdict = verdict(failure, stopping);
            if (verdict == Verdict.PERMANENT || (verdict == Verdict.TRANSIENT && retry > config.maxRetries())) {
                return Uni.createFrom().failure(failure);
            }
            Duration delay = backoff(wait, config.initialBackoff(), config.maxBackoff());
            if (verdict == Verdict.SHUTDOWN) {
                LOG.debugf("%s: %s waits for the restart (%s)", consumer, what, failure);
            } else if (verdict == Verdict.UNAVAILABLE) {
                LOG.warnf("%s: %s waits for the database (%s), next try in %d ms", consumer, what, failure, delay.toMillis());
                count(consumer, "waiting");
            } else {
                LOG.warnf("%s: %s failed (%s), retry %d of %d in %d ms", consumer, what, failure, retry, config.maxRetries(), delay.toMillis());
                count(consumer, "retried");
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                    .chain(() -> retried(consumer, what, attempt, verdict == Verdict.TRANSIENT ? retry + 1 : retry, wait + 1));
        });
    }

    /** The wait before retry number {@code retry} (from 1): {@code initial} doubled each time, at most {@code max}. */
    static Duration backoff(int retry, Duration initial, Duration max) {
        long millis = initial.toMillis() << Math.min(retry - 1, 30);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private void count(String consumer, String outcome) {
        registry.counter(METRIC, "consumer", consumer, "outcome", outcome).increment();
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
                count(consumer, "dead-lettered");
                nacks.add(Uni.createFrom().completionStage(() -> record.nack(e)));
            }
        }
        // every attempt starts on the consumer's own context: a retry is resubscribed from a timer thread
        Uni<Void> work = events.isEmpty() ? Uni.createFrom().voidItem() : retried(consumer, "batch of " + events.size()
                        + " events from " + events.get(0).id() + " (" + events.get(0).type() + ")",
                () -> backOn(context).chain(() -> Panache.<Void>withTransaction(() -> firstDeliveries(consumer, events)
                        .chain(first -> first.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(first)))))
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

    /**
     * A closed pool means the service is stopping; a database that is unavailable, a lost race
     * (serialization failure, deadlock) or a lost optimistic lock may pass on a later attempt (and
     * while stopping, waits for the restart); anything else, a unique violation included, fails the
     * same way every time.
     */
    static Verdict verdict(Throwable failure, boolean stopping) {
        if (DatabaseFailures.poolClosed(failure)) {
            return Verdict.SHUTDOWN;
        }
        if (DatabaseFailures.unavailable(failure)) {
            return stopping ? Verdict.SHUTDOWN : Verdict.UNAVAILABLE;
        }
        if (DatabaseFailures.raceLost(failure) || DatabaseFailures.lostUpdate(failure)) {
            return stopping ? Verdict.SHUTDOWN : Verdict.TRANSIENT;
        }
        return Verdict.PERMANENT;
    }
}
