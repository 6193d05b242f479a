package io.oppsuite.pipeline.usage;

import io.oppsuite.common.contracts.OpportunityState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stages opportunities use, as learnt from opportunity-events: where each opportunity
 * stands now (newest opportunity version wins, so late or replayed events change nothing)
 * and every stage it has been in.
 */
@ApplicationScoped
public class StageUsage {

    /** Lifecycle statuses of an opportunity that still sits in its stage. */
    static final Set<String> OPEN = Set.of("ACTIVE", "PENDING_APPROVAL");

    /** Must run inside a transaction. */
    public Uni<Void> record(String tenantId, OpportunityState opportunity, String previousStageKey, boolean deleted) {
        boolean open = !deleted && OPEN.contains(opportunity.status());
        Uni<Integer> position = Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into opportunity_position (tenant_id, opportunity_id, sales_process_id, stage_key, open, deleted, opp_version)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (tenant_id, opportunity_id) do update
                        set sales_process_id = excluded.sales_process_id, stage_key = excluded.stage_key, open = excluded.open,
                            deleted = excluded.deleted, opp_version = excluded.opp_version
                        where not opportunity_position.deleted
                          and (opportunity_position.opp_version < excluded.opp_version
                               or (opportunity_position.opp_version = excluded.opp_version and excluded.deleted))""")
                .setParameter(1, tenantId)
                .setParameter(2, opportunity.id())
                .setParameter(3, opportunity.salesProcessId())
                .setParameter(4, opportunity.stageKey())
                .setParameter(5, open)
                .setParameter(6, deleted)
                .setParameter(7, opportunity.version())
                .executeUpdate());
        return position
                .chain(() -> visit(tenantId, opportunity, opportunity.stageKey()))
                .chain(() -> previousStageKey == null ? Uni.createFrom().voidItem() : visit(tenantId, opportunity, previousStageKey));
    }

    private Uni<Void> visit(String tenantId, OpportunityState opportunity, String stageKey) {
        if (stageKey == null || opportunity.salesProcessId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into opportunity_stage_visit (tenant_id, opportunity_id, sales_process_id, stage_key)
                        values (?1, ?2, ?3, ?4) on conflict do nothing""")
                .setParameter(1, tenantId)
                .setParameter(2, opportunity.id())
                .setParameter(3, opportunity.salesProcessId())
                .setParameter(4, stageKey)
                .executeUpdate()).replaceWithVoid();
    }

    /** Opportunities (not deleted) that are or have been in the catalogue stage, in any process. */
    public Uni<Long> opportunitiesUsing(String tenantId, String stageKey) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(distinct v.opportunity_id) from opportunity_stage_visit v
                        join opportunity_position p on p.tenant_id = v.tenant_id and p.opportunity_id = v.opportunity_id
                        where v.tenant_id = ?1 and v.stage_key = ?2 and not p.deleted""", Long.class)
                .setParameter(1, tenantId)
                .setParameter(2, stageKey)
                .getSingleResult());
    }

    /** Open opportunities per stage key of one process. */
    @SuppressWarnings("unchecked")
    public Uni<Map<String, Long>> openPerStage(String tenantId, String processId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select stage_key, count(*) from opportunity_position
                        where tenant_id = ?1 and sales_process_id = ?2 and open and not deleted
                        group by stage_key""", Object[].class)
                .setParameter(1, tenantId)
                .setParameter(2, processId)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (Object[] row : (List<Object[]>) (List<?>) rows) {
                        counts.put((String) row[0], ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }
}
