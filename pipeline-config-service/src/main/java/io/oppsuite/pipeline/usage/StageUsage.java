package io.oppsuite.pipeline.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.oppsuite.common.contracts.OpportunityState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which stages opportunities use, as learnt from opportunity-events: where each opportunity
 * stands now (newest opportunity version wins, so late or replayed events change nothing)
 * and every stage it has been in.
 */
@ApplicationScoped
public class StageUsage {

    /**
     * Lifecycle statuses of an opportunity that still sits in its stage: a rejected or withdrawn
     * creation (REJECTED, DRAFT) is edited and resubmitted there, so it holds its stage like an open deal.
     */
    static final Set<String> OPEN = Set.of("ACTIVE", "PENDING_APPROVAL", "REJECTED", "DRAFT");

    @Inject
    ObjectMapper mapper;

    /** What one opportunity event says about stage use: where the opportunity stands, and the stage it left. */
    public record Change(String tenantId, OpportunityState opportunity, String previousStageKey, boolean deleted) {
    }

    /**
     * Records a batch of changes in two statements, whatever its size; must run inside a transaction.
     * Per opportunity only the newest version is written (a deletion wins a tie), which is what
     * applying the changes one by one leaves, since a deletion is an opportunity's last version.
     */
    public Uni<Void> recordAll(List<Change> changes) {
        Map<List<String>, Change> newest = new TreeMap<>(KEY_ORDER);
        Set<List<String>> visits = new TreeSet<>(KEY_ORDER);
        for (Change change : changes) {
            OpportunityState o = change.opportunity();
            newest.merge(List.of(change.tenantId(), o.id()), change, (a, b) -> newer(b, a) ? b : a);
            if (o.salesProcessId() != null) {
                for (String stage : new String[] {o.stageKey(), change.previousStageKey()}) {
                    if (stage != null) {
                        visits.add(List.of(change.tenantId(), o.id(), o.salesProcessId(), stage));
                    }
                }
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode positions = mapper.createArrayNode();
        newest.values().forEach(c -> positions.addObject().put("tenant", c.tenantId()).put("id", c.opportunity().id())
                .put("process", c.opportunity().salesProcessId()).put("stage", c.opportunity().stageKey())
                .put("open", !c.deleted() && OPEN.contains(c.opportunity().status())).put("deleted", c.deleted())
                .put("version", c.opportunity().version()));
        ArrayNode visited = mapper.createArrayNode();
        visits.forEach(v -> visited.addObject().put("tenant", v.get(0)).put("id", v.get(1)).put("process", v.get(2)).put("stage", v.get(3)));
        // rows in key order, so concurrent consumers would lock them in one order
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into opportunity_position (tenant_id, opportunity_id, sales_process_id, stage_key, open, deleted, opp_version)
                        select p.tenant, p.id, p.process, p.stage, p.open, p.deleted, p.version
                        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb))
                            as p(tenant text, id text, process text, stage text, open boolean, deleted boolean, version bigint)
                        order by p.tenant, p.id
                        on conflict (tenant_id, opportunity_id) do update
                        set sales_process_id = excluded.sales_process_id, stage_key = excluded.stage_key, open = excluded.open,
                            deleted = excluded.deleted, opp_version = excluded.opp_version
                        where not opportunity_position.deleted
                          and (opportunity_position.opp_version < excluded.opp_version
                               or (opportunity_position.opp_version = excluded.opp_version and excluded.deleted))""")
                        .setParameter(1, positions.toString()).executeUpdate()
                .chain(() -> visited.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery("""
                        insert into opportunity_stage_visit (tenant_id, opportunity_id, sales_process_id, stage_key)
                        select v.tenant, v.id, v.process, v.stage
                        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as v(tenant text, id text, process text, stage text)
                        order by v.tenant, v.id, v.process, v.stage
                        on conflict do nothing""").setParameter(1, visited.toString()).executeUpdate()))
                .replaceWithVoid();
    }

    /** The order of composite keys (lists of strings): element by element. */
    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Whether {@code candidate} would overwrite {@code current}: a newer version, or a deletion of the same one. */
    private static boolean newer(Change candidate, Change current) {
        long v = candidate.opportunity().version();
        long w = current.opportunity().version();
        return v > w || (v == w && candidate.deleted() && !current.deleted());
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
