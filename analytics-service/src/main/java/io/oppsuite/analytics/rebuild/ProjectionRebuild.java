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
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
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
 * Rebuilds the whole projection from the event log: replays opportunity-events and
 * pipeline-config-events from the beginning up to the end offsets seen at the start, recounts
 * every opportunity with the same {@link OpportunityTimeline} the live consumer uses, writes
 * fresh shadow tables, derives the aggregates from them by plain GROUP BY, and swaps them in
 * (renames) in one transaction. Events the live consumer handled meanwhile are then re-applied
 * from the captured offsets (the projection ignores what it already holds).
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
        final Map<List<String>, Map<List<Object>, Object[]>> opportunities = new LinkedHashMap<>();
        long events;
        Map<TopicPartition, Long> end = Map.of();
    }

    public Uni<Result> rebuild() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(Problems.conflict("rebuild-running", "Rebuild running",
                    "a rebuild is already running", Map.of()));
        }
        long started = System.currentTimeMillis();
        return Uni.createFrom().item(this::replay).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(replayed -> pool.withTransaction(conn -> writeShadowAndSwap(conn, replayed)).replaceWith(replayed))
                .chain(replayed -> applyTail(replayed.end).map(tail -> new Result(replayed.events, replayed.opportunities.size(),
                        replayed.processes.size(), tail, System.currentTimeMillis() - started)))
                .invoke(result -> LOG.infof("projection rebuilt: %s", result))
                .eventually(() -> running.set(false));
    }

    private Replayed replay() {
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
        return replayed;
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
        replayed.opportunities.computeIfAbsent(List.of(event.tenantId(), state.id()), k -> new LinkedHashMap<>())
                .putIfAbsent(List.of(state.version(), event.type()),
                        new Object[]{event.type(), event.data().get("opportunity").toString(), state});
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

    private Uni<Void> writeShadowAndSwap(SqlConnection conn, Replayed replayed) {
        List<Tuple> processRows = new ArrayList<>();
        for (ProcessRow row : replayed.processes.values()) {
            SalesProcessSnapshot p = row.snapshot();
            processRows.add(Tuple.of(row.tenantId(), p.id(), p.name(), p.version(), json(p.stages()), row.deleted()));
        }
        List<Tuple> logRows = new ArrayList<>();
        List<Tuple> snapshotRows = new ArrayList<>();
        List<Tuple> factRows = new ArrayList<>();
        for (var entry : replayed.opportunities.entrySet()) {
            String tenant = entry.getKey().get(0);
            String opportunityId = entry.getKey().get(1);
            List<LoggedEvent> events = new ArrayList<>();
            for (var logged : entry.getValue().entrySet()) {
                Object[] value = logged.getValue();
                var state = (io.oppsuite.common.contracts.OpportunityState) value[2];
                logRows.add(Tuple.of(tenant, opportunityId, state.version(), value[0], value[1]));
                events.add(new LoggedEvent((String) value[0], state));
            }
            Contribution c = OpportunityTimeline.contribution(events);
            snapshotRows.add(Tuple.from(OpportunityProjection.snapshotRow(tenant, opportunityId, c, json(c))));
            for (Contribution.StageFact f : c.stages()) {
                factRows.add(Tuple.from(OpportunityProjection.factRow(tenant, opportunityId, c, f)));
            }
        }
        // "does not exist, skipping" notices of the drops below are noise
        Uni<Void> chain = run(conn, "set local client_min_messages = warning");
        for (String table : TABLES) {
            chain = chain.chain(() -> run(conn, "drop table if exists " + table + "_rebuild"))
                    .chain(() -> run(conn, "create table " + table + "_rebuild (like " + table + " including all)"));
        }
        chain = chain
                .chain(() -> batch(conn, "insert into sales_process_rebuild (tenant_id, id, name, version, stages, deleted) "
                        + "values ($1, $2, $3, $4, $5, $6)", processRows))
                .chain(() -> batch(conn, "insert into opportunity_event_log_rebuild (tenant_id, opportunity_id, version, event_type, state) "
                        + "values ($1, $2, $3, $4, $5)", logRows))
                .chain(() -> batch(conn, OpportunityProjection.dollarPlaceholders(OpportunityProjection.SNAPSHOT_INSERT).replace("into opportunity_snapshot", "into opportunity_snapshot_rebuild"), snapshotRows))
                .chain(() -> batch(conn, OpportunityProjection.dollarPlaceholders(OpportunityProjection.FACT_INSERT).replace("into stage_fact", "into stage_fact_rebuild"), factRows))
                .chain(() -> run(conn, """
                        insert into stage_aggregate_rebuild (tenant_id, sales_process_id, stage_key, total_opportunities, total_amount,
                            closed_millis, open_stays, open_since_millis_sum, transitioned, retained, lost)
                        select tenant_id, sales_process_id, stage_key, count(*), sum(forecast), sum(closed_millis),
                               count(open_since_millis), coalesce(sum(open_since_millis), 0),
                               count(*) filter (where outcome = 'TRANSITIONED'), count(*) filter (where outcome = 'RETAINED'),
                               count(*) filter (where outcome = 'LOST')
                        from stage_fact_rebuild group by tenant_id, sales_process_id, stage_key"""))
                .chain(() -> run(conn, """
                        insert into process_aggregate_rebuild (tenant_id, sales_process_id, won_count, won_amount, won_cycle_millis)
                        select tenant_id, sales_process_id, count(*), sum(won_amount), sum(won_cycle_millis)
                        from opportunity_snapshot_rebuild where won group by tenant_id, sales_process_id"""))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_STAGE, "stage_key")))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_OWNER, "owner_id")))
                .chain(() -> run(conn, pipelineAggregate(AggregateDelta.BY_CLOSE_MONTH, "close_month")));
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

    /** Re-applies, through the live path, whatever arrived after the replay's end offsets. */
    private Uni<Long> applyTail(Map<TopicPartition, Long> from) {
        return Uni.createFrom().item(() -> {
                    List<TopicReplay.RawEvent> tail = new ArrayList<>();
                    TopicReplay.read(bootstrap, TOPICS, new HashMap<>(from), tail::add);
                    return tail;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(tail -> Multi.createFrom().iterable(tail)
                        .onItem().transformToUniAndConcatenate(raw -> {
                            EventEnvelope event = envelope(raw);
                            if (event == null) {
                                return Uni.createFrom().voidItem();
                            }
                            return Panache.withTransaction(() -> raw.topic().equals(Topics.PIPELINE_CONFIG_EVENTS)
                                            ? processProjection.apply(event) : opportunityProjection.apply(event))
                                    .onFailure(PoisonMessageException.class).recoverWithNull();
                        })
                        .collect().asList().map(list -> (long) tail.size()));
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
