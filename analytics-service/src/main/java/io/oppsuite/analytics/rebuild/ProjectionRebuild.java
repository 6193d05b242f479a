package io.oppsuite.analytics.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.process.SalesProcessProjection;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.Contribution;
import io.oppsuite.analytics.transition.OpportunityProjection;
import io.oppsuite.analytics.transition.OpportunityTimeline;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the whole projection from the event log, in bounded memory: creates fresh
 * {@code *_rebuild} tables, replays opportunity-events and pipeline-config-events from the
 * beginning up to the end offsets seen at the start, streaming the opportunity states into the
 * shadow event log in batches; then recounts the opportunities page by page with the same
 * {@link OpportunityTimeline} the live consumer uses, derives the aggregates by plain GROUP BY
 * and swaps the tables in (renames, one short transaction). Events the live consumer handled
 * meanwhile are then re-applied from the captured offsets (the projection ignores what it holds).
 * Blocking steps run on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final List<String> TABLES = List.of("sales_process", "opportunity_event_log", "opportunity_snapshot", "stage_fact",
            "stage_aggregate", "process_aggregate", "pipeline_aggregate");
    private static final List<String> TOPICS = List.of(Topics.PIPELINE_CONFIG_EVENTS, Topics.OPPORTUNITY_EVENTS);
    private static final int BATCH = 1000;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    OpportunityProjection opportunityProjection;

    @Inject
    SalesProcessProjection processProjection;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final AtomicBoolean running = new AtomicBoolean();

    public record Result(long eventsReplayed, long opportunities, long salesProcesses, long tailEvents, long tookMillis) {
    }

    private record ProcessRow(String tenantId, SalesProcessSnapshot snapshot, boolean deleted) {
    }

    private static final class Replayed {
        final Map<List<String>, ProcessRow> processes = new LinkedHashMap<>();
        final List<Tuple> logBatch = new ArrayList<>();
        long events;
        long opportunities;
        Map<TopicPartition, Long> end = Map.of();
    }

    /**
     * One rebuild at a time across every replica: a session-level advisory lock, held on a
     * connection of its own for the rebuild's duration (and dropped with it if this instance dies),
     * besides the in-process flag that answers a second local request without a round trip.
     */
    public Uni<Result> rebuild() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(alreadyRunning());
        }
        return pool.getConnection()
                .chain(lockHolder -> lockHolder.preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(REBUILD_LOCK))
                        .chain(rows -> rows.iterator().next().getBoolean(0)
                                ? replayAndSwap().eventually(() -> lockHolder.preparedQuery("select pg_advisory_unlock($1)")
                                        .execute(Tuple.of(REBUILD_LOCK)).onFailure().recoverWithNull())
                                : Uni.createFrom().failure(alreadyRunning()))
                        .eventually(lockHolder::close))
                .eventually(() -> running.set(false));
    }

    /** Arbitrary constant: the advisory lock of a rebuild, shared by every analytics-service replica. */
    public static final long REBUILD_LOCK = 0x616e616c79746963L;

    private static Throwable alreadyRunning() {
        return Problems.conflict("rebuild-running", "Rebuild running", "a rebuild is already running", Map.of());
    }

    private Uni<Result> replayAndSwap() {
        long started = System.currentTimeMillis();
        return Uni.createFrom().item(() -> {
                    Replayed replayed = rebuildShadowAndSwap();
                    long tail = applyTail(replayed.end);
                    return new Result(replayed.events, replayed.opportunities, replayed.processes.size(), tail,
                            System.currentTimeMillis() - started);
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(result -> LOG.infof("projection rebuilt: %s", result));
    }

    /** Blocking: runs on a worker thread. */
    private Replayed rebuildShadowAndSwap() {
        pool.withConnection(this::createShadowTables).await().indefinitely();
        Replayed replayed = new Replayed();
        replayed.end = TopicReplay.read(bootstrap, TOPICS, Map.of(), raw -> {
            EventEnvelope event = envelope(raw);
            if (event == null) {
                return;
            }
            replayed.events++;
            try {
                if (raw.topic().equals(Topics.PIPELINE_CONFIG_EVENTS)) {
                    replayProcess(replayed, event);
                } else {
                    replayOpportunity(replayed, event);
                }
            } catch (PoisonMessageException e) {
                // the live consumer dead-letters these: they are not part of the projection
                LOG.debugf("rebuild skips poison event %s: %s", event.id(), e.getMessage());
            }
        });
        flushLog(replayed);
        List<Tuple> processRows = new ArrayList<>();
        for (ProcessRow row : replayed.processes.values()) {
            SalesProcessSnapshot p = row.snapshot();
            processRows.add(Tuple.of(row.tenantId(), p.id(), p.name(), p.version(), json(p.stages()), row.deleted()));
        }
        pool.withConnection(conn -> batch(conn, "insert into sales_process_rebuild (tenant_id, id, name, version, stages, deleted) "
                + "values ($1, $2, $3, $4, $5, $6)", processRows)).await().indefinitely();
        replayed.opportunities = recountPages();
        pool.withConnection(this::aggregateShadowTables).await().indefinitely();
        pool.withTransaction(this::swap).await().indefinitely();
        return replayed;
    }

    private Uni<Void> createShadowTables(SqlConnection conn) {
        // "does not exist, skipping" notices of the drops below are noise
        Uni<Void> chain = run(conn, "set client_min_messages = warning");
        for (String table : TABLES) {
            chain = chain.chain(() -> run(conn, "drop table if exists " + table + "_rebuild"))
                    .chain(() -> run(conn, "create table " + table + "_rebuild (like " + table + " including all)"));
        }
        return chain.chain(() -> run(conn, "reset client_min_messages"));
    }

    private void flushLog(Replayed replayed) {
        if (replayed.logBatch.isEmpty()) {
            return;
        }
        List<Tuple> rows = List.copyOf(replayed.logBatch);
        replayed.logBatch.clear();
        // the first copy of a (version, type) wins, as in the live projection
        pool.withConnection(conn -> batch(conn, "insert into opportunity_event_log_rebuild "
                + "(tenant_id, opportunity_id, version, event_type, state) values ($1, $2, $3, $4, $5) on conflict do nothing", rows))
                .await().indefinitely();
    }

    /** Recounts the shadow event log a page of opportunities at a time; returns how many there are. */
    private long recountPages() {
        String lastTenant = "";
        String lastOpportunity = "";
        long opportunities = 0;
        while (true) {
            List<Row> keys = new ArrayList<>();
            pool.preparedQuery("""
                            select distinct tenant_id, opportunity_id from opportunity_event_log_rebuild
                            where (tenant_id, opportunity_id) > ($1, $2) order by tenant_id, opportunity_id limit $3""")
                    .execute(Tuple.of(lastTenant, lastOpportunity, BATCH)).await().indefinitely().forEach(keys::add);
            if (keys.isEmpty()) {
                return opportunities;
            }
            Row last = keys.get(keys.size() - 1);
            List<Row> rows = new ArrayList<>();
            pool.preparedQuery("""
                            select tenant_id, opportunity_id, event_type, state from opportunity_event_log_rebuild
                            where (tenant_id, opportunity_id) > ($1, $2) and (tenant_id, opportunity_id) <= ($3, $4)
                            order by tenant_id, opportunity_id""")
                    .execute(Tuple.of(lastTenant, lastOpportunity, last.getString(0), last.getString(1)))
                    .await().indefinitely().forEach(rows::add);
            writeContributions(rows);
            opportunities += keys.size();
            lastTenant = last.getString(0);
            lastOpportunity = last.getString(1);
        }
    }

    private void writeContributions(List<Row> rows) {
        Map<List<String>, List<LoggedEvent>> byOpportunity = new LinkedHashMap<>();
        for (Row row : rows) {
            byOpportunity.computeIfAbsent(List.of(row.getString(0), row.getString(1)), k -> new ArrayList<>())
                    .add(new LoggedEvent(row.getString(2), readState(row.getString(3))));
        }
        List<Tuple> snapshotRows = new ArrayList<>();
        List<Tuple> factRows = new ArrayList<>();
        byOpportunity.forEach((key, events) -> {
            Contribution c = OpportunityTimeline.contribution(events);
            snapshotRows.add(Tuple.from(OpportunityProjection.snapshotRow(key.get(0), key.get(1), c, json(c))));
            for (Contribution.StageFact f : c.stages()) {
                factRows.add(Tuple.from(OpportunityProjection.factRow(key.get(0), key.get(1), c, f)));
            }
        });
        pool.withConnection(conn -> batch(conn, OpportunityProjection.dollarPlaceholders(OpportunityProjection.SNAPSHOT_INSERT)
                        .replace("into opportunity_snapshot", "into opportunity_snapshot_rebuild"), snapshotRows)
                .chain(() -> batch(conn, OpportunityProjection.dollarPlaceholders(OpportunityProjection.FACT_INSERT)
                        .replace("into stage_fact", "into stage_fact_rebuild"), factRows)))
                .await().indefinitely();
    }

    private void replayProcess(Replayed replayed, EventEnvelope event) {
        if (PipelineConfigEvents.SALES_PROCESS_UPSERTED.equals(event.type())) {
            SalesProcessSnapshot snapshot = processProjection.read(event);
            List<String> key = List.of(event.tenantId(), snapshot.id());
            ProcessRow current = replayed.processes.get(key);
            if (current == null || current.snapshot().version() <= snapshot.version()) {
                replayed.processes.put(key, new ProcessRow(event.tenantId(), snapshot, false));
            }
        } else if (PipelineConfigEvents.SALES_PROCESS_DELETED.equals(event.type())) {
            replayed.processes.computeIfPresent(List.of(event.tenantId(), String.valueOf(event.text("id"))),
                    (k, row) -> new ProcessRow(row.tenantId(), row.snapshot(), true));
        }
    }

    private void replayOpportunity(Replayed replayed, EventEnvelope event) {
        if (!opportunityProjection.projects(event.type())) {
            return;
        }
        var state = OpportunityProjection.state(event, mapper);
        replayed.logBatch.add(Tuple.of(event.tenantId(), state.id(), state.version(), event.type(),
                event.data().get("opportunity").toString()));
        if (replayed.logBatch.size() >= BATCH) {
            flushLog(replayed);
        }
    }

    private EventEnvelope envelope(TopicReplay.RawEvent raw) {
        if (raw.id() == null || raw.type() == null || raw.tenant() == null || raw.tenant().isBlank() || raw.json() == null) {
            return null;
        }
        try {
            JsonNode data = mapper.readTree(raw.json());
            return data != null && data.isObject()
                    ? new EventEnvelope(raw.id(), raw.type(), "/replay", raw.tenant(), raw.key(), Instant.now(), data) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Uni<Void> aggregateShadowTables(SqlConnection conn) {
        return run(conn, """
                        insert into stage_aggregate_rebuild (tenant_id, sales_process_id, stage_key, total_opportunities, total_amount,
                            closed_millis, open_stays, open_since_millis_sum, transitioned, retained, lost)
                        select tenant_id, sales_process_id, stage_key, count(*), sum(forecast), sum(closed_millis),
                               count(open_since_millis), coalesce(sum(open_since_millis), 0),
                               count(*) filter (where outcome = 'TRANSITIONED'), count(*) filter (where outcome = 'RETAINED'),
                               count(*) filter (where outcome = 'LOST')
                        from stage_fact_rebuild group by tenant_id, sales_process_id, stage_key""")
                .chain(() -> run(conn, """
                        insert into process_aggregate_rebuild (tenant_id, sales_process_id, won_count, won_amount, won_cycle_millis)
                        select tenant_id, sales_process_id, count(*), sum(won_amount), sum(won_cycle_millis)
                        from opportunity_snapshot_rebuild where won group by tenant_id, sales_process_id"""))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_STAGE, "stage_key")))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_OWNER, "owner_id")))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_CLOSE_MONTH, "close_month")));
    }

    /** The only step readers and the live consumer wait for: renames, in one transaction. */
    private Uni<Void> swap(SqlConnection conn) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : TABLES) {
            chain = chain.chain(() -> run(conn, "alter table " + table + " rename to " + table + "_retired"))
                    .chain(() -> run(conn, "alter table " + table + "_rebuild rename to " + table))
                    .chain(() -> run(conn, "drop table " + table + "_retired"));
        }
        return chain;
    }

    private static String pipelineAggregate(String dimension, String column) {
        return "insert into pipeline_aggregate_rebuild (tenant_id, sales_process_id, dimension, group_key, opportunities, amount, weighted_amount) "
                + "select tenant_id, sales_process_id, '" + dimension + "', coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "'), "
                + "count(*), sum(amount), sum(weighted_amount) from opportunity_snapshot_rebuild where open "
                + "group by tenant_id, sales_process_id, coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "')";
    }

    /**
     * Re-applies, through the live path, whatever arrived after the replay's end offsets. Blocking:
     * each event's transaction runs on a Vert.x context, as Hibernate Reactive requires.
     */
    private long applyTail(Map<TopicPartition, Long> from) {
        List<TopicReplay.RawEvent> tail = new ArrayList<>();
        TopicReplay.read(bootstrap, TOPICS, new HashMap<>(from), tail::add);
        for (TopicReplay.RawEvent raw : tail) {
            EventEnvelope event = envelope(raw);
            if (event == null) {
                continue;
            }
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                        () -> raw.topic().equals(Topics.PIPELINE_CONFIG_EVENTS)
                                ? processProjection.apply(event) : opportunityProjection.apply(event)));
            } catch (PoisonMessageException e) {
                LOG.debugf("rebuild tail skips poison event %s: %s", event.id(), e.getMessage());
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("rebuild tail failed at event " + event.id(), e);
            }
        }
        return tail.size();
    }

    private OpportunityState readState(String json) {
        try {
            return mapper.readValue(json, OpportunityState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("logged opportunity state is unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Uni<Void> run(SqlConnection conn, String sql) {
        return conn.query(sql).execute().replaceWithVoid();
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < rows.size(); i += BATCH) {
            List<Tuple> slice = rows.subList(i, Math.min(rows.size(), i + BATCH));
            chain = chain.chain(() -> conn.preparedQuery(sql).executeBatch(slice).replaceWithVoid());
        }
        return chain;
    }
}
