package io.oppsuite.holding.scope;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.json.Json;
import io.oppsuite.holding.limit.Held;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.limit.ScopeKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is held in a scope (live holdings plus counting reservations) and the per-scope
 * PostgreSQL advisory locks that make check-then-reserve atomic. Needs a session; locks need a transaction.
 */
@ApplicationScoped
public class ScopeStore {

    /** A counting reservation: pending or confirmed, and not yet expired (a confirmed one is not waited for forever). */
    public static final String RESERVATION_COUNTS = "counted and status in ('PENDING', 'CONFIRMED') and expires_at > ?3";

    @Inject
    ObjectMapper mapper;

    /**
     * Takes a transaction-scoped advisory lock on every scope, in the given (sorted) order so two
     * reservations sharing scopes never deadlock. Released at commit or rollback.
     */
    public Uni<Void> lock(String tenantId, List<ScopeKey> sortedScopes) {
        return Multi.createFrom().iterable(sortedScopes)
                .onItem().transformToUniAndConcatenate(scope -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "select cast(1 as integer) from pg_advisory_xact_lock(hashtextextended(?1, 0))", Integer.class)
                        .setParameter(1, scope.lockName(tenantId))
                        .getSingleResult()))
                .collect().last().replaceWithVoid();
    }

    public Uni<Map<ScopeKey, Collection<Held>>> heldIn(String tenantId, Collection<ScopeKey> scopes, Instant now) {
        Map<ScopeKey, Collection<Held>> byScope = new HashMap<>();
        return Multi.createFrom().iterable(scopes)
                .onItem().transformToUniAndConcatenate(scope -> heldIn(tenantId, scope, now).invoke(held -> byScope.put(scope, held)))
                .collect().last().replaceWith(byScope);
    }

    /**
     * How many distinct opportunities the scope holds under the holding definition (live holdings
     * that qualify plus counting reservations), and whether {@code opportunityId} is among them: one
     * aggregate in PostgreSQL, so a reservation costs the same at 10 or 100,000 holdings.
     */
    public Uni<HoldingLimits.ScopeCount> count(String tenantId, ScopeKey scope, String opportunityId, Instant now) {
        String members = members(scope);
        String sql = "select count(distinct opportunity_id), coalesce(bool_or(opportunity_id = ?4), false) from ("
                + "select opportunity_id from holding where tenant_id = ?1 and not deleted and qualifies and " + members
                + " union all select opportunity_id from reservation where tenant_id = ?1 and " + RESERVATION_COUNTS
                + " and " + members + ") held";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                        .setParameter(1, tenantId)
                        .setParameter(2, scopeParam(scope))
                        .setParameter(3, now)
                        .setParameter(4, opportunityId)
                        .getSingleResult())
                .map(row -> new HoldingLimits.ScopeCount(((Number) row[0]).longValue(), Boolean.TRUE.equals(row[1])));
    }

    /** Live holdings and counting reservations of the scope's members; one opportunity may appear twice (callers count distinct ids). */
    public Uni<List<Held>> heldIn(String tenantId, ScopeKey scope, Instant now) {
        String members = members(scope);
        String sql = "select opportunity_id, opportunity from holding where tenant_id = ?1 and not deleted and " + members
                + " union all select opportunity_id, opportunity from reservation where tenant_id = ?1 and " + RESERVATION_COUNTS
                + " and " + members;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                        .setParameter(1, tenantId)
                        .setParameter(2, scopeParam(scope))
                        .setParameter(3, now)
                        .getResultList())
                .map(rows -> {
                    List<Held> held = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        held.add(new Held((String) row[0], Json.tree(mapper, (String) row[1])));
                    }
                    return held;
                });
    }

    private Object scopeParam(ScopeKey scope) {
        return scope.type() == io.oppsuite.holding.limit.ScopeType.USER_GROUP ? Json.write(List.of(scope.id())) : scope.id();
    }

    /** The SQL condition selecting the scope's members' rows (?1 tenant, ?2 scope id). */
    private static String members(ScopeKey scope) {
        // an opportunity without owner sits in a pool: nobody holds it (and NULL would slip through "not in" below)
        return "owner_id is not null and " + switch (scope.type()) {
            case EMPLOYEES -> "owner_id = ?2";
            // directory members; an owner the directory does not know counts where the opportunity says
            case DEPARTMENT -> "(owner_id in (select e.id from employee e where e.tenant_id = ?1 and e.department_id = ?2)"
                    + " or (department_id = ?2 and owner_id not in (select e.id from employee e where e.tenant_id = ?1)))";
            case USER_GROUP -> "owner_id in (select e.id from employee e where e.tenant_id = ?1"
                    // jsonb containment (GIN index); the parameter as text first: the reactive driver would bind a
                    // String typed jsonb as a JSON string
                    + " and e.user_groups @> cast(cast(?2 as text) as jsonb))";
        };
    }

    /** Ids of the opportunities {@code ownerId} holds that meet the holding definition. */
    public Uni<List<String>> heldBy(String tenantId, String ownerId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select opportunity_id from holding where tenant_id = ?1"
                        + " and owner_id = ?2 and not deleted and qualifies order by opportunity_id", String.class)
                .setParameter(1, tenantId).setParameter(2, ownerId).getResultList());
    }
}
