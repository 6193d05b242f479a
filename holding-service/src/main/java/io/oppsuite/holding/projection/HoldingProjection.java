package io.oppsuite.holding.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.rule.HoldingPolicy;
import io.oppsuite.holding.rule.HoldingQualification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row per opportunity with its latest state by version. An older version delivered late
 * changes nothing; a deleted opportunity stays as a tombstone that only a newer version could
 * replace. Once the opportunity's own event is in, its reservations for that owner are settled:
 * the holding counts instead, so one opportunity never counts twice. An opportunity without owner
 * (returned to an opportunity pool) stays as a row that counts for nobody until it is claimed.
 */
@ApplicationScoped
public class HoldingProjection {

    @Inject
    HoldingPolicy policy;

    @Inject
    HoldingQualification qualification;

    /**
     * Must run in the inbox's transaction. {@code definitions} holds, per tenant, the definition
     * read earlier in this same transaction under the shared definition lock (transaction-scoped,
     * so it cannot change before the commit): a batch locks and reads it once per tenant, not per
     * event. Pass a fresh map for each transaction.
     */
    public Uni<Void> apply(String tenantId, OpportunityState state, JsonNode opportunity, boolean deleted,
                           Map<String, List<FieldCondition>> definitions) {
        List<FieldCondition> known = definitions.get(tenantId);
        Uni<List<FieldCondition>> definitionUnderLock = known != null ? Uni.createFrom().item(known)
                : qualification.lockShared(tenantId).chain(() -> policy.definition(tenantId))
                        .invoke(definition -> definitions.put(tenantId, definition));
        return definitionUnderLock
                .chain(definition -> upsertAndSettle(tenantId, state, opportunity.toString(), deleted,
                        !deleted && HoldingLimits.meets(definition, opportunity)))
                .replaceWithVoid();
    }

    /**
     * One statement: the upsert, and only when it applied (the state is newer), the settling of the
     * reservations this state accounts for: those of the owner it names, and any made at an older
     * version (their write is this state or behind it, so they cannot still be pending a
     * projection). A state without owner (returned to a pool) names nobody, so only the second part
     * applies; a deleted opportunity frees every place kept for it.
     */
    private Uni<Integer> upsertAndSettle(String tenantId, OpportunityState state, String json, boolean deleted, boolean qualifies) {
        String which = deleted ? "" : " and (r.owner_id = ?10 or " + RESERVED_AT_VERSION + " < ?6)";
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("""
                            with applied as (
                                insert into holding (tenant_id, opportunity_id, owner_id, department_id, opportunity, opportunity_version, deleted, updated_at, qualifies)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                                on conflict (tenant_id, opportunity_id) do update set owner_id = excluded.owner_id,
                                    department_id = excluded.department_id, opportunity = excluded.opportunity,
                                    opportunity_version = excluded.opportunity_version, deleted = excluded.deleted, updated_at = excluded.updated_at,
                                    qualifies = excluded.qualifies
                                where holding.opportunity_version < excluded.opportunity_version
                                   or (holding.opportunity_version = excluded.opportunity_version and not holding.deleted)
                                returning 1)
                            update reservation r set status = 'SETTLED'
                            where exists (select 1 from applied) and r.tenant_id = ?1 and r.opportunity_id = ?2
                              and r.status in ('PENDING', 'CONFIRMED')""" + which)
                    .setParameter(1, tenantId)
                    .setParameter(2, state.id())
                    .setParameter(3, state.ownerId())
                    .setParameter(4, state.departmentId())
                    .setParameter(5, json)
                    .setParameter(6, state.version())
                    .setParameter(7, deleted)
                    .setParameter(8, Instant.now())
                    .setParameter(9, qualifies);
            if (!deleted) {
                query.setParameter(10, state.ownerId() == null ? "" : state.ownerId());
            }
            return query.executeUpdate();
        });
    }

    /** The opportunity version a reservation was asked for (the state before its write); null when the client sent none. */
    private static final String RESERVED_AT_VERSION = "(case when (cast(r.opportunity as jsonb) ->> 'version') ~ '^[0-9]{1,18}$'"
            + " then cast(cast(r.opportunity as jsonb) ->> 'version' as bigint) end)";
}
