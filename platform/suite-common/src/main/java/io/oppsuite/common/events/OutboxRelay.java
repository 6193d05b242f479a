package io.oppsuite.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka as binary CloudEvents and marks them sent.
 * <p>
 * The outbox is split into a fixed number of partitions by aggregate id. A relay drains a
 * partition only while it holds that partition's transaction-scoped advisory lock, and
 * sends its rows in commit order, so with any number of replicas one aggregate's events
 * leave one at a time and in order (a plain SKIP LOCKED over rows would reorder them).
 * It wakes on PostgreSQL NOTIFY (a trigger on insert) and polls only as a fallback. If
 * the broker is down the send fails, nothing is marked sent, and the next pass retries:
 * delayed, never lost. Consumers are idempotent on the event id, so a resend after a
 * crash between send and commit is harmless.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Namespace of the relay's advisory locks (first key of pg_try_advisory_xact_lock). */
    private static final int LOCK_NAMESPACE = 0x0B0C;
    static final String NOTIFY_CHANNEL = "outbox_event";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    MutinyEmitter<String> emitter;

    @Inject
    OutboxSettings settings;

    @ConfigProperty(name = "suite.service-name")
    String serviceName;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    MeterRegistry registry;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private volatile boolean stopped;
    private PgSubscriber subscriber;
    private Counter published;

    void onStart(@Observes StartupEvent event) {
        published = Counter.builder("outbox.events.published").description("outbox events published to Kafka").register(registry);
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(username);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options);
        // Keep listening across database restarts; polling covers the gap.
        subscriber.reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(NOTIFY_CHANNEL).handler(ignored -> wake());
        subscriber.connect().subscribe().with(ok -> wake(), e -> LOG.warnf("outbox LISTEN not connected, polling only: %s", e.getMessage()));
        ready = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, e -> { });
        }
    }

    Uni<Void> purgeSent() {
        return pool.query("delete from outbox_event where sent_at < now() - interval '7 days'").execute().replaceWithVoid();
    }

    /** True once started: the emitter is wired only after reactive messaging's own startup. */
    static volatile boolean ready;

    /** Starts a drain pass, or asks the running one to go round again. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        wakeAgain.set(false);
        drain().subscribe().with(pass -> {
                    draining.set(false);
                    if (pass.failed()) {
                        // broker unreachable: the poller retries in a moment, no hot loop
                        return;
                    }
                    // A full batch means there may be more; a NOTIFY during the pass asked for another.
                    if (wakeAgain.get() || pass.full()) {
                        wake();
                    }
                }, failure -> {
                    draining.set(false);
                    LOG.warnf("outbox relay pass failed, will retry: %s", failure.getMessage());
                });
    }

    /** What one pass did. */
    record Pass(boolean full, boolean failed) {
        static final Pass IDLE = new Pass(false, false);
    }

    /**
     * One transaction a pass: take every partition no other relay holds (transaction-scoped
     * advisory locks, one statement), then send their unsent rows in commit order. One pass
     * costs the same few round trips whether one partition has rows or all of them do.
     */
    private Uni<Pass> drain() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("select coalesce(array_agg(p), '{}') from generate_series(0, $2 - 1) p where pg_try_advisory_xact_lock($1, p)")
                .execute(Tuple.of(LOCK_NAMESPACE, settings.partitions()))
                .flatMap(locked -> {
                    Integer[] mine = locked.iterator().next().getArrayOfIntegers(0);
                    return mine.length == 0 ? Uni.createFrom().item(Pass.IDLE) : publishPending(conn, mine);
                }));
    }

    private Uni<Pass> publishPending(SqlConnection conn, Integer[] partitions) {
        // Planned on every pass (simple query, no cached statement): the table grows by every event
        // and keeps sent rows for a week, so a plan cached while it was small (a sequential scan,
        // kept for the connection's life when autovacuum never analyzes it) would read every row
        // ever sent on each pass. The values are the relay's own integers.
        return conn.query(pendingQuery(partitions, settings.batchSize())).execute()
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Pass.IDLE);
                    }
                    List<Uni<Long>> sends = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        long seq = row.getLong("seq");
                        // Sends are issued in seq order; the idempotent producer keeps that order per partition.
                        sends.add(emitter.sendMessage(toMessage(row)).replaceWith(seq)
                                .onFailure().invoke(e -> LOG.debugf("outbox event %d not sent: %s", seq, e.getMessage()))
                                .onFailure().recoverWithNull());
                    }
                    // Wait for every outcome, not just the first failure: a record still in the producer's
                    // hands when a sibling fails may yet be delivered, and must then not be sent again.
                    return Uni.join().all(sends).andCollectFailures().flatMap(outcomes -> {
                        Long[] acked = outcomes.stream().filter(java.util.Objects::nonNull).toArray(Long[]::new);
                        boolean failed = acked.length < rows.size();
                        if (failed) {
                            LOG.warnf("outbox: %d of %d events not acknowledged by Kafka, will retry", rows.size() - acked.length, rows.size());
                        }
                        if (acked.length == 0) {
                            return Uni.createFrom().item(new Pass(false, true));
                        }
                        return conn.preparedQuery("update outbox_event set sent_at = now() where seq = any($1)")
                                .execute(Tuple.of(acked))
                                .invoke(() -> published.increment(acked.length))
                                .replaceWith(new Pass(rows.size() == settings.batchSize(), failed));
                    });
                });
    }

    static String pendingQuery(Integer[] partitions, int limit) {
        String list = java.util.Arrays.stream(partitions).map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return "select seq, event_id, topic, event_type, tenant_id, aggregate_id, payload::text as payload, created_at"
                + " from outbox_event where sent_at is null and partition_no in (" + list + ") order by seq limit " + limit;
    }

    private Message<String> toMessage(Row row) {
        String aggregateId = row.getString("aggregate_id");
        String type = row.getString("event_type");
        // created_at is the time of the change the event describes (DomainEvent.time), not of the insert
        OffsetDateTime changedAt = row.getOffsetDateTime("created_at");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(aggregateId)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(row.getString("event_id"))
                        .withType(type)
                        .withSource(URI.create("/" + serviceName))
                        .withSubject(aggregateId)
                        .withTimestamp(changedAt.atZoneSameInstant(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        // the contract the data follows, versioned (EventSchemas); the contract tests fail a type without one
                        .withDataSchema(EventSchemas.dataschema(type).orElse(null))
                        .withExtension(CloudEventReader.TENANT_EXTENSION, row.getString("tenant_id"))
                        .build());
    }
}
