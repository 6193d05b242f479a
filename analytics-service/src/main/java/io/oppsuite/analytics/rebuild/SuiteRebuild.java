package io.oppsuite.analytics.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
 * An action runs on a worker thread (the topics are read blocking); each of its statements, tenant rebuilds
 * included, is native SQL on a Hibernate Reactive session of its own, run on a Vert.x context and awaited there
 * ({@link VertxContextSupport#subscribeAndAwait}); each import batch is a transaction.
 */
@ApplicationScoped
public class SuiteRebuild {

    private static final Logger LOG = Logger.getLogger(SuiteRebuild.class);
    private static final List<String> TOPICS = List.of(Topics.PIPELINE_CONFIG_EVENTS, Topics.OPPORTUNITY_EVENTS);

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
        return exclusively(() -> {
            long started = System.currentTimeMillis();
            return rebuildEveryTenant(0, started);
        });
    }

    public Uni<Result> bootstrapFromTopics() {
        return exclusively(() -> {
            long started = System.currentTimeMillis();
            return rebuildEveryTenant(importTopics(), started);
        });
    }

    /** Runs {@code action} on a worker thread, one at a time on this replica. */
    private Uni<Result> exclusively(Supplier<Result> action) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(Problems.conflict("rebuild-running", "Rebuild running",
                    "a suite-wide rebuild is already running on this instance", Map.of()));
        }
        return Uni.createFrom().item(action).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .eventually(() -> running.set(false))
                .invoke(result -> LOG.infof("suite-wide projection rebuilt: %s", result));
    }

    /** Blocking (a worker thread). */
    private Result rebuildEveryTenant(long imported, long started) {
        List<String> tenantIds = await(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select distinct tenant_id from opportunity_event_log order by tenant_id", String.class).getResultList())));
        // one tenant after another: each holds its tenant's consumers back only while it runs
        List<TenantRebuild.Result> results = new ArrayList<>();
        for (String tenant : tenantIds) {
            results.add(await(() -> tenants.rebuild(tenant, true)));
        }
        return new Result(results.size(), imported,
                results.stream().mapToLong(TenantRebuild.Result::events).sum(),
                results.stream().mapToLong(TenantRebuild.Result::opportunities).sum(),
                results.stream().mapToLong(TenantRebuild.Result::salesProcesses).sum(),
                System.currentTimeMillis() - started);
    }

    /** A process of pipeline-config-events as the import writes it. */
    private record ProcessRow(String tenantId, String id, String name, long version, String stages, boolean deleted) {
    }

    /** A catalogue stage of pipeline-config-events as the import writes it. */
    private record StageRow(String tenantId, String stageId, String key, String label) {
    }

    /** Blocking (a worker thread): the topics from the beginning into the log, the process table and the stage catalogue; answers the events read. */
    private long importTopics() {
        Map<List<String>, ProcessRow> processes = new LinkedHashMap<>();
        // catalogue stages by (tenant, stage id); null: deleted
        Map<List<String>, StageRow> stages = new LinkedHashMap<>();
        ArrayNode log = mapper.createArrayNode();
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
                        log.addObject().put("t", event.tenantId()).put("o", e.state().id()).put("v", e.state().version())
                                .put("e", event.type()).put("s", event.data().get("opportunity").toString())
                                .put("p", e.state().salesProcessId()).put("at", e.occurredAtMillis()).put("r", e.reason());
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
            ArrayNode rows = mapper.createArrayNode();
            processes.values().forEach(p -> rows.addObject().put("t", p.tenantId()).put("id", p.id()).put("name", p.name())
                    .put("v", p.version()).put("stages", p.stages()).put("deleted", p.deleted()));
            execute("""
                    insert into sales_process (tenant_id, id, name, version, stages, deleted)
                    select i.t, i.id, i.name, i.v, i.stages, i.deleted
                    from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as i(t text, id text, name text, v bigint, stages text, deleted boolean)
                    order by i.t, i.id
                    on conflict (tenant_id, id) do update
                    set name = excluded.name, version = excluded.version, stages = excluded.stages, deleted = excluded.deleted
                    where sales_process.version < excluded.version""", rows);
        }
        ArrayNode upserted = mapper.createArrayNode();
        stages.values().stream().filter(java.util.Objects::nonNull).forEach(st -> upserted.addObject().put("t", st.tenantId())
                .put("id", st.stageId()).put("k", st.key()).put("label", st.label()));
        if (!upserted.isEmpty()) {
            execute("""
                    insert into stage_catalogue (tenant_id, stage_id, stage_key, label)
                    select i.t, i.id, i.k, i.label
                    from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as i(t text, id text, k text, label text)
                    order by i.t, i.id
                    on conflict (tenant_id, stage_id) do update set stage_key = excluded.stage_key, label = excluded.label""", upserted);
        }
        ArrayNode deleted = mapper.createArrayNode();
        stages.entrySet().stream().filter(e -> e.getValue() == null)
                .forEach(e -> deleted.addObject().put("t", e.getKey().get(0)).put("id", e.getKey().get(1)));
        if (!deleted.isEmpty()) {
            execute("""
                    delete from stage_catalogue c using jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as d(t text, id text)
                    where c.tenant_id = d.t and c.stage_id = d.id""", deleted);
        }
        return events[0];
    }

    private void flush(ArrayNode log) {
        if (log.isEmpty()) {
            return;
        }
        // a (version, type) already logged keeps its first copy, as in the live projection (and within the batch, in topic order)
        execute("""
                insert into opportunity_event_log (tenant_id, opportunity_id, version, event_type, state, sales_process_id,
                    occurred_at_millis, reason)
                select i.t, i.o, i.v, i.e, i.s, i.p, i.at, i.r
                from rows from (jsonb_to_recordset(cast(cast(?1 as text) as jsonb))
                    as (t text, o text, v bigint, e text, s text, p text, at bigint, r text)) with ordinality as i(t, o, v, e, s, p, at, r, n)
                order by i.n
                on conflict do nothing""", log);
        log.removeAll();
    }

    private void flush(SalesTeamChanges teams) {
        await(() -> Panache.withTransaction(() -> teamProjection.write(teams)));
        teams.clear();
    }

    /** Blocking: one native statement fed by a JSON array ({@code ?1}), in a transaction of its own. */
    private void execute(String sql, ArrayNode rows) {
        String input = rows.toString();
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, input).executeUpdate())));
    }

    /** Blocking (a worker thread, never an event loop): {@code work} subscribed on a Vert.x context, as a Hibernate Reactive session needs. */
    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void process(Map<List<String>, ProcessRow> processes, EventEnvelope event) throws PoisonMessageException {
        if (PipelineConfigEvents.SALES_PROCESS_UPSERTED.equals(event.type())) {
            SalesProcessSnapshot p = processProjection.read(event);
            List<String> key = List.of(event.tenantId(), p.id());
            ProcessRow current = processes.get(key);
            if (current == null || current.version() <= p.version()) {
                processes.put(key, new ProcessRow(event.tenantId(), p.id(), p.name(), p.version(), json(p.stages()), false));
            }
        } else if (PipelineConfigEvents.SALES_PROCESS_DELETED.equals(event.type())) {
            processes.computeIfPresent(List.of(event.tenantId(), String.valueOf(event.text("id"))),
                    (k, row) -> new ProcessRow(row.tenantId(), row.id(), row.name(), row.version(), row.stages(), true));
        }
    }

    /** The stage catalogue's latest record per stage (the topic is compacted, in order per key). */
    private void stage(Map<List<String>, StageRow> stages, EventEnvelope event) throws PoisonMessageException {
        if (PipelineConfigEvents.STAGE_UPSERTED.equals(event.type())) {
            PipelineConfigEvents.StageDefinition stage = processProjection.readStage(event);
            stages.put(List.of(event.tenantId(), stage.id()), new StageRow(event.tenantId(), stage.id(), stage.key(), stage.label()));
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
