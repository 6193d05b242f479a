package io.oppsuite.analytics.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.process.SalesProcessProjection;
import io.oppsuite.analytics.team.SalesTeamChanges;
import io.oppsuite.analytics.team.SalesTeamProjection;
import io.oppsuite.analytics.transition.EventLogPages;
import io.oppsuite.analytics.transition.OpportunityProjection;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's suite-wide actions (never reachable with a tenant's token: {@link OperatorInterface}).
 * <ul>
 * <li>{@link #rebuildAll()}: every tenant's projection recomputed from the stored event log, one tenant
 *     after another ({@link TenantRebuild}).</li>
 * <li>{@link #bootstrapFromTopics()}: for an empty (or partial) analytics database: reads
 *     opportunity-events and pipeline-config-events from the beginning into the event log and the
 *     process and stage-catalogue tables (what is logged already stays: nothing is replaced, so history the topic no longer
 *     holds is never lost) and the sales teams (a team is replaced only by a newer one), then rebuilds every tenant.
 *     It recovers only what the topics still hold.</li>
 * </ul>
 * One suite-wide action at a time per replica (a second caller of this bean gets a 409; the operator port
 * itself serves one request at a time); tenant rebuilds of other replicas are waited for, tenant by tenant.
 */
@ApplicationScoped
public class SuiteRebuild {

    private static final Logger LOG = Logger.getLogger(SuiteRebuild.class);
    private static final List<String> TOPICS = List.of(Topics.PIPELINE_CONFIG_EVENTS, Topics.OPPORTUNITY_EVENTS);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    TenantRebuild tenants;

    @Inject
    SalesProcessProjection processProjection;

    @Inject
    SalesTeamProjection teamProjection;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Suite-wide counts: the operator's answer, never a tenant's. */
    public record Result(long tenants, long eventsImported, long events, long opportunities, long salesProcesses, long tookMillis) {
    }

    public Uni<Result> rebuildAll() {
        return exclusively(() -> rebuildEveryTenant(0, System.currentTimeMillis()));
    }

    public Uni<Result> bootstrapFromTopics() {
        return exclusively(() -> {
            long started = System.currentTimeMillis();
            return Uni.createFrom().item(this::importTopics).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(imported -> rebuildEveryTenant(imported, started));
        });
    }

    private Uni<Result> exclusively(java.util.function.Supplier<Uni<Result>> action) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(Problems.conflict("rebuild-running", "Rebuild running",
                    "a suite-wide rebuild is already running on this instance", Map.of()));
        }
        return Uni.createFrom().<Result>deferred(action::get).eventually(() -> running.set(false))
                .invoke(result -> LOG.infof("suite-wide projection rebuilt: %s", result));
    }

    private Uni<Result> rebuildEveryTenant(long imported, long started) {
        return pool.query("select distinct tenant_id from opportunity_event_log order by tenant_id").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getString(0))
                // one tenant after another: each holds its tenant's consumers back only while it runs
                .onItem().transformToUniAndConcatenate(tenant -> tenants.rebuild(tenant, true))
                .collect().asList()
                .map(results -> new Result(results.size(), imported,
                        results.stream().mapToLong(TenantRebuild.Result::events).sum(),
                        results.stream().mapToLong(TenantRebuild.Result::opportunities).sum(),
                        results.stream().mapToLong(TenantRebuild.Result::salesProcesses).sum(),
                        System.currentTimeMillis() - started));
    }

    /** Blocking (a worker thread): the topics from the beginning into the log, the process table and the stage catalogue; answers the events read. */
    private long importTopics() {
        Map<List<String>, Tuple> processes = new LinkedHashMap<>();
        // catalogue stages by (tenant, stage id); null: deleted
        Map<List<String>, Tuple> stages = new LinkedHashMap<>();
        List<Tuple> log = new ArrayList<>();
        // the sales teams, folded in topic order and written by the live consumer's rule (only a newer team
        // replaces the one held, a deletion is final): a replay of old team events never undoes a newer team
        SalesTeamChanges teams = new SalesTeamChanges();
        long[] events = {0};
        TopicReplay.read(bootstrap, TOPICS, Map.of(), raw -> {
            EventEnvelope event = envelope(raw);
            if (event == null) {
                return;
            }
            events[0]++;
            try {
                if (raw.topic().equals(Topics.PIPELINE_CONFIG_EVENTS)) {
                    process(processes, event);
                    stage(stages, event);
                } else {
                    if (OpportunityProjection.PROJECTED.contains(event.type())) {
                        LoggedEvent e = OpportunityProjection.loggedEvent(event, mapper);
                        log.add(Tuple.from(java.util.Arrays.asList(event.tenantId(), e.state().id(), e.state().version(), event.type(),
                                event.data().get("opportunity").toString(), e.state().salesProcessId(), e.occurredAtMillis(), e.reason())));
                        if (log.size() >= EventLogPages.PAGE) {
                            flush(log);
                        }
                    }
                    if (teamProjection.projects(event.type())) {
                        teams.add(event);
                        if (teams.size() >= EventLogPages.PAGE) {
                            flush(teams);
                        }
                    }
                }
            } catch (PoisonMessageException e) {
                // the live consumer dead-letters these: they are not part of the projection
                LOG.debugf("bootstrap skips poison event %s: %s", event.id(), e.getMessage());
            }
        });
        flush(log);
        flush(teams);
        if (!processes.isEmpty()) {
            pool.preparedQuery("""
                            insert into sales_process (tenant_id, id, name, version, stages, deleted) values ($1, $2, $3, $4, $5, $6)
                            on conflict (tenant_id, id) do update
                            set name = excluded.name, version = excluded.version, stages = excluded.stages, deleted = excluded.deleted
                            where sales_process.version < excluded.version""")
                    .executeBatch(new ArrayList<>(processes.values())).await().indefinitely();
        }
        List<Tuple> upserted = stages.values().stream().filter(java.util.Objects::nonNull).toList();
        if (!upserted.isEmpty()) {
            pool.preparedQuery("""
                            insert into stage_catalogue (tenant_id, stage_id, stage_key, label) values ($1, $2, $3, $4)
                            on conflict (tenant_id, stage_id) do update set stage_key = excluded.stage_key, label = excluded.label""")
                    .executeBatch(upserted).await().indefinitely();
        }
        List<Tuple> deleted = stages.entrySet().stream().filter(e -> e.getValue() == null)
                .map(e -> Tuple.of(e.getKey().get(0), e.getKey().get(1))).toList();
        if (!deleted.isEmpty()) {
            pool.preparedQuery("delete from stage_catalogue where tenant_id = $1 and stage_id = $2")
                    .executeBatch(deleted).await().indefinitely();
        }
        return events[0];
    }

    private void flush(List<Tuple> log) {
        if (log.isEmpty()) {
            return;
        }
        // a (version, type) already logged keeps its first copy, as in the live projection
        pool.preparedQuery("""
                        insert into opportunity_event_log (tenant_id, opportunity_id, version, event_type, state, sales_process_id,
                            occurred_at_millis, reason)
                        values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing""")
                .executeBatch(List.copyOf(log)).await().indefinitely();
        log.clear();
    }

    private void flush(SalesTeamChanges teams) {
        teamProjection.write(pool, teams).await().indefinitely();
        teams.clear();
    }

    private void process(Map<List<String>, Tuple> processes, EventEnvelope event) throws PoisonMessageException {
        if (PipelineConfigEvents.SALES_PROCESS_UPSERTED.equals(event.type())) {
            SalesProcessSnapshot p = processProjection.read(event);
            List<String> key = List.of(event.tenantId(), p.id());
            Tuple current = processes.get(key);
            if (current == null || current.getLong(3) <= p.version()) {
                processes.put(key, Tuple.of(event.tenantId(), p.id(), p.name(), p.version(), json(p.stages()), false));
            }
        } else if (PipelineConfigEvents.SALES_PROCESS_DELETED.equals(event.type())) {
            processes.computeIfPresent(List.of(event.tenantId(), String.valueOf(event.text("id"))),
                    (k, row) -> Tuple.of(row.getString(0), row.getString(1), row.getString(2), row.getLong(3), row.getString(4), true));
        }
    }

    /** The stage catalogue's latest record per stage (the topic is compacted, in order per key). */
    private void stage(Map<List<String>, Tuple> stages, EventEnvelope event) throws PoisonMessageException {
        if (PipelineConfigEvents.STAGE_UPSERTED.equals(event.type())) {
            PipelineConfigEvents.StageDefinition stage = processProjection.readStage(event);
            stages.put(List.of(event.tenantId(), stage.id()), Tuple.of(event.tenantId(), stage.id(), stage.key(), stage.label()));
        } else if (PipelineConfigEvents.STAGE_DELETED.equals(event.type()) && event.text("id") != null) {
            stages.put(List.of(event.tenantId(), event.text("id")), null);
        }
    }

    private EventEnvelope envelope(TopicReplay.RawEvent raw) {
        if (raw.id() == null || raw.type() == null || raw.tenant() == null || raw.tenant().isBlank() || raw.json() == null) {
            return null;
        }
        try {
            JsonNode data = mapper.readTree(raw.json());
            return data != null && data.isObject()
                    ? new EventEnvelope(raw.id(), raw.type(), "/replay", raw.tenant(), raw.key(), raw.time(), data) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String json(Object value) {
        return Json.write(mapper, value);
    }
}
