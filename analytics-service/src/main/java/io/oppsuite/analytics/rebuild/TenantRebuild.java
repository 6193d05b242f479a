package io.oppsuite.analytics.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.db.NativeRows;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.Contribution;
import io.oppsuite.analytics.transition.EventLogPages;
import io.oppsuite.analytics.transition.OpportunityProjection;
import io.oppsuite.analytics.transition.OpportunityTimeline;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.analytics.transition.ProjectionWrite;
import io.oppsuite.common.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes one tenant's projection from the service's own event log ({@code opportunity_event_log},
 * complete: the topic's retention never touches it), in one transaction: the tenant's facts, snapshots
 * and aggregates are deleted and recounted a page of opportunities at a time with the same
 * {@link OpportunityTimeline} the live consumer uses, then the aggregates are derived by GROUP BY.
 * Readers see the old numbers until the commit. The tenant's consumer batches wait meanwhile: the
 * rebuild holds the tenant's projection lock exclusively ({@link ProjectionWrite#TENANT_LOCK_CLASS}),
 * every batch takes it shared. One rebuild of a tenant at a time, across replicas (a second is a 409
 * or, for the operator's suite-wide run, waits). Both locks are transaction-scoped advisory locks taken on the
 * rebuild's Hibernate Reactive session inside its transaction ({@code Panache.withTransaction}): they hold on that
 * session's connection until the commit or rollback. The deals' sales teams are not derived from the log
 * (their events are not logged) and stay as they are: a rebuild neither needs the topic for them nor
 * wipes them, however long ago their events left the topic.
 */
@ApplicationScoped
public class TenantRebuild {

    private static final Logger LOG = Logger.getLogger(TenantRebuild.class);
    /** Lock class of "a rebuild of this tenant is running" (second key: hashtext(tenant)). */
    public static final int REBUILD_LOCK_CLASS = 0x616e6132;
    /** Recounted from the log; sales_team and sales_team_member are not (kept, like the processes). */
    private static final List<String> DERIVED = List.of("stage_fact", "opportunity_snapshot", "stage_aggregate",
            "process_aggregate", "money_aggregate");

    @Inject
    ObjectMapper mapper;

    @Inject
    OpportunityProjection projection;

    /** What one tenant's rebuild recounted: that tenant's numbers only. */
    public record Result(String tenantId, long events, long opportunities, long salesProcesses, long tookMillis) {
    }

    /**
     * @param waitForRunning false: another rebuild of the tenant running is a 409; true: wait for it
     */
    public Uni<Result> rebuild(String tenantId, boolean waitForRunning) {
        long started = System.currentTimeMillis();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> claim(session, tenantId, waitForRunning)
                        .chain(() -> lock(session, ProjectionWrite.TENANT_LOCK_CLASS, tenantId))
                        .chain(() -> deleteDerived(session, tenantId))
                        .chain(() -> EventLogPages.forEach(session, mapper, tenantId, null, null, page -> write(session, tenantId, page)))
                        .call(() -> aggregate(session, tenantId))
                        .chain(opportunities -> session.createNativeQuery("""
                                        select (select count(*) from opportunity_event_log where tenant_id = ?1),
                                               (select count(*) from sales_process where tenant_id = ?1 and not deleted)""", Object[].class)
                                .setParameter(1, tenantId).getSingleResult()
                                .map(r -> new Result(tenantId, NativeRows.longValue(r[0]), opportunities, NativeRows.longValue(r[1]),
                                        System.currentTimeMillis() - started)))))
                .invoke(result -> LOG.infof("tenant projection rebuilt from the event log: %s", result));
    }

    private static Uni<Void> claim(Mutiny.Session session, String tenantId, boolean waitForRunning) {
        if (waitForRunning) {
            return lock(session, REBUILD_LOCK_CLASS, tenantId);
        }
        return session.createNativeQuery("select pg_try_advisory_xact_lock(?1, hashtext(?2))", Boolean.class)
                .setParameter(1, REBUILD_LOCK_CLASS).setParameter(2, tenantId).getSingleResult()
                .map(claimed -> {
                    if (!Boolean.TRUE.equals(claimed)) {
                        throw Problems.conflict("rebuild-running", "Rebuild running",
                                "a rebuild of this tenant's analytics is already running", Map.of());
                    }
                    return null;
                });
    }

    /** Waits for the tenant's advisory lock of {@code lockClass}, held by this transaction until it ends. */
    private static Uni<Void> lock(Mutiny.Session session, int lockClass, String tenantId) {
        return session.createNativeQuery("select cast(1 as integer) from pg_advisory_xact_lock(?1, hashtext(?2))", Integer.class)
                .setParameter(1, lockClass).setParameter(2, tenantId).getSingleResult().replaceWithVoid();
    }

    private static Uni<Void> deleteDerived(Mutiny.Session session, String tenantId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : DERIVED) {
            chain = chain.chain(() -> session.createNativeQuery("delete from " + table + " where tenant_id = ?1")
                    .setParameter(1, tenantId).executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> write(Mutiny.Session session, String tenantId, Map<String, List<LoggedEvent>> page) {
        Map<String, Contribution> contributions = new LinkedHashMap<>();
        page.forEach((opportunityId, events) -> contributions.put(opportunityId, OpportunityTimeline.contribution(events)));
        return projection.writeRecounted(session, tenantId, contributions);
    }

    private static Uni<Void> aggregate(Mutiny.Session session, String tenantId) {
        List<String> statements = List.of("""
                        insert into stage_aggregate (tenant_id, sales_process_id, stage_key, total_opportunities, total_amount,
                            closed_millis, open_stays, open_since_millis_sum, transitioned, retained, lost)
                        select tenant_id, sales_process_id, stage_key, count(*), sum(forecast), sum(closed_millis),
                               count(open_since_millis), coalesce(sum(open_since_millis), 0),
                               count(*) filter (where outcome = 'TRANSITIONED'), count(*) filter (where outcome = 'RETAINED'),
                               count(*) filter (where outcome = 'LOST')
                        from stage_fact where tenant_id = ?1 group by tenant_id, sales_process_id, stage_key""", """
                        insert into process_aggregate (tenant_id, sales_process_id, won_count, won_amount, won_cycle_millis)
                        select tenant_id, sales_process_id, count(*), sum(won_amount), sum(won_cycle_millis)
                        from opportunity_snapshot where tenant_id = ?1 and won group by tenant_id, sales_process_id""", """
                        insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities,
                            amount, weighted_amount)
                        select tenant_id, sales_process_id, '%s', stage_key, currency, won_on, count(*), sum(forecast), 0
                        from stage_fact where tenant_id = ?1 group by tenant_id, sales_process_id, stage_key, currency, won_on"""
                        .formatted(AggregateDelta.MONEY_STAGE), """
                        insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities,
                            amount, weighted_amount)
                        select tenant_id, sales_process_id, '%s', '', currency, date '1970-01-01' + cast(floor(won_at_millis / 86400000.0) as integer),
                               count(*), sum(won_amount), 0
                        from opportunity_snapshot where tenant_id = ?1 and won
                        group by tenant_id, sales_process_id, currency, date '1970-01-01' + cast(floor(won_at_millis / 86400000.0) as integer)"""
                        .formatted(AggregateDelta.MONEY_WON),
                moneyPipelineAggregate(AggregateDelta.BY_STAGE, "stage_key"),
                moneyPipelineAggregate(AggregateDelta.BY_OWNER, "owner_id"),
                moneyPipelineAggregate(AggregateDelta.BY_CLOSE_MONTH, "close_month"));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : statements) {
            chain = chain.chain(() -> session.createNativeQuery(sql).setParameter(1, tenantId).executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    private static String moneyPipelineAggregate(String dimension, String column) {
        String key = "coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "')";
        return "insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, "
                + "weighted_amount) select tenant_id, sales_process_id, '" + AggregateDelta.MONEY_PIPELINE + dimension + "', " + key
                + ", currency, null, count(*), sum(amount), sum(weighted_amount) from opportunity_snapshot where tenant_id = ?1 and open "
                + "group by tenant_id, sales_process_id, " + key + ", currency";
    }
}
