package io.oppsuite.holding.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.rule.HoldingPolicy;
import io.oppsuite.holding.rule.HoldingQualification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

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

    /** Must run in the inbox's transaction. */
    public Uni<Void> apply(String tenantId, OpportunityState state, JsonNode opportunity, boolean deleted) {
        return qualification.lockShared(tenantId)
                .chain(() -> policy.definition(tenantId))
                .chain(definition -> upsert(tenantId, state, opportunity.toString(), deleted, !deleted && HoldingLimits.meets(definition, opportunity)))
                .chain(applied -> applied == 0 ? Uni.createFrom().item(0) : settle(tenantId, state, deleted))
                .replaceWithVoid();
    }

    private Uni<Integer> upsert(String tenantId, OpportunityState state, String json, boolean deleted, boolean qualifies) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into holding (tenant_id, opportunity_id, owner_id, department_id, opportunity, opportunity_version, deleted, updated_at, qualifies)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        on conflict (tenant_id, opportunity_id) do update set owner_id = excluded.owner_id,
                            department_id = excluded.department_id, opportunity = excluded.opportunity,
                            opportunity_version = excluded.opportunity_version, deleted = excluded.deleted, updated_at = excluded.updated_at,
                            qualifies = excluded.qualifies
                        where holding.opportunity_version < excluded.opportunity_version
                           or (holding.opportunity_version = excluded.opportunity_version and not holding.deleted)""")
                        .setParameter(1, tenantId)
                        .setParameter(2, state.id())
                        .setParameter(3, state.ownerId())
                        .setParameter(4, state.departmentId())
                        .setParameter(5, json)
                        .setParameter(6, state.version())
                        .setParameter(7, deleted)
                        .setParameter(8, Instant.now())
                        .setParameter(9, qualifies)
                        .executeUpdate());
    }

    /**
     * Reservations this state accounts for become SETTLED: those of the owner it names, and any made
     * at an older version (their write is this state or behind it, so they cannot still be pending
     * a projection). A state without owner (returned to a pool) names nobody, so only the second
     * part applies; a deleted opportunity frees every place kept for it.
     */
    private Uni<Integer> settle(String tenantId, OpportunityState state, boolean deleted) {
        String which = deleted ? "" : " and (owner_id = ?3 or " + RESERVED_AT_VERSION + " < ?4)";
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("update reservation set status = 'SETTLED' where tenant_id = ?1 and opportunity_id = ?2"
                            + " and status in ('PENDING', 'CONFIRMED')" + which)
                    .setParameter(1, tenantId)
                    .setParameter(2, state.id());
            if (!deleted) {
                query.setParameter(3, state.ownerId() == null ? "" : state.ownerId());
                query.setParameter(4, state.version());
            }
            return query.executeUpdate();
        });
    }

    /** The opportunity version a reservation was asked for (the state before its write); null when the client sent none. */
    private static final String RESERVED_AT_VERSION = "(case when (cast(opportunity as jsonb) ->> 'version') ~ '^[0-9]{1,18}$'"
            + " then cast(cast(opportunity as jsonb) ->> 'version' as bigint) end)";
}
