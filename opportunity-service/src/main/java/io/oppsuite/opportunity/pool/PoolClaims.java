package io.oppsuite.opportunity.pool;

import io.oppsuite.common.problem.PersistenceProblemMappers;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.OwnerChanges;
import io.oppsuite.opportunity.core.Written;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.oppsuite.opportunity.directory.Directory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Deals going back to a pool and claimed from it. Both are owner changes and emit
 * opportunity.owner-changed (null owner and the pool in the state on return; previousPoolId on claim).
 */
@ApplicationScoped
public class PoolClaims {

    @Inject
    Directory directory;

    @Inject
    Opportunities opportunities;

    /** Writes the owner change under the rules every write of a deal is held to (implemented by the write path). */
    @Inject
    OwnerChanges ownerChanges;

    @Inject
    PoolService pools;

    @Inject
    HoldingReservations holdings;

    /**
     * By whoever may see the deal: its owner, their department's manager, admin. Nothing to reserve:
     * holding-service stops counting it for the former owner when the event arrives. In a transaction of its own;
     * answers the deal with its line items.
     */
    @WithTransaction
    public Uni<Written> returnToPool(Caller caller, UUID id, Long expectedVersion, ReturnToPool request) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            PoolMoves.requireReturnable(o);
            return OpportunityPool.findInTenant(caller.tenantId(), request.poolId()).chain(pool -> {
                if (pool == null) {
                    throw unknownPool(request.poolId());
                }
                String previousOwner = o.ownerId;
                String previousDepartment = o.departmentId;
                PoolMoves.returnTo(o, pool.id, request.reason(), Instant.now().truncatedTo(ChronoUnit.MICROS));
                return ownerChanges.ownerChanged(caller, o, previousOwner, previousDepartment, null, o.poolReason);
            });
        }).onFailure(e -> "23503".equals(PersistenceProblemMappers.sqlState(e)))
                // the pool was deleted between our read and the write: the foreign key said no
                .transform(e -> unknownPool(request.poolId()))
                .chain(opportunities::withLineItems);
    }

    /**
     * The caller becomes the owner, like a change of owner: check (session) → reserve the caller's
     * place with holding-service (409 limit / 503, nothing written) → write in a transaction guarded
     * by the version read first → confirm after commit, or release. Of several claims racing for one
     * deal exactly one writes; the others see it gone or lose the version check: 409 already-claimed.
     * Runs its own session and transactions; answers the deal with its line items.
     */
    public Uni<Written> claim(Caller caller, UUID id, Long expectedVersion) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withSession(() -> claimable(caller, id))
                .chain(o -> {
                    Preconditions.requireVersion(id, expectedVersion, o.version);
                    long seen = o.version;
                    PoolMoves.claim(o, caller, now); // detached: only to show holding-service the deal as it will be
                    return holdings.reserve(ticket, o.toState()).replaceWith(seen);
                })
                .chain(seen -> Panache.withTransaction(() -> write(caller, id, seen, now)))
                .onFailure(PersistenceProblemMappers::lostUpdate).recoverWithUni(e -> Panache.withSession(() -> Opportunity.findInTenant(caller.tenantId(), id))
                        .onItem().failWith(fresh -> fresh == null || fresh.poolId == null ? PoolMoves.alreadyClaimed(id)
                                : Problems.concurrentModification("opportunity " + id + " changed while it was claimed; retry")))
                .call(() -> holdings.confirm(ticket))
                .onFailure().call(() -> holdings.release(ticket))
                .chain(o -> Panache.withSession(() -> opportunities.withLineItems(o)));
    }

    /** Who may claim the deal, or the answer why not: 404 (may not know it), 403 (not a member), 409/422. */
    private Uni<Opportunity> claimable(Caller caller, UUID id) {
        return Opportunity.findInTenant(caller.tenantId(), id).chain(o -> {
            if (o == null) {
                throw Problems.notFound("Opportunity", id);
            }
            boolean seesDeal = caller.canSee(o.ownerId, o.departmentId);
            if (o.poolId == null) {
                return refusal(caller, o, seesDeal);
            }
            return pools.find(caller.tenantId(), o.poolId).chain(pool -> directory.member(caller.tenantId(), caller.employeeId()).map(member -> {
                PoolAccess.Members members = pools.members(pool);
                if (!seesDeal && !PoolAccess.maySee(caller, member, members)) {
                    throw Problems.notFound("Opportunity", id);
                }
                if (!PoolAccess.mayClaim(caller, member, members)) {
                    throw Problems.forbidden("only members of pool '" + pool.name + "' may claim its opportunities");
                }
                PoolMoves.requireClaimable(o);
                return o;
            }));
        });
    }

    /** Not in a pool: "already claimed" to whoever could have claimed it, "not in a pool" to whoever sees it, else 404. */
    private Uni<Opportunity> refusal(Caller caller, Opportunity o, boolean seesDeal) {
        Uni<Boolean> couldHaveClaimed = o.lastPoolId == null ? Uni.createFrom().item(false)
                : OpportunityPool.findInTenant(caller.tenantId(), o.lastPoolId)
                        .chain(pool -> pool == null ? Uni.createFrom().item(false) : pools.mayLook(caller, pool));
        return couldHaveClaimed.chain(member -> Uni.createFrom().<Opportunity>failure(
                o.lastPoolId != null && (member || seesDeal) ? PoolMoves.alreadyClaimed(o.id)
                        : seesDeal ? PoolMoves.notInPool(o.id)
                        : Problems.notFound("Opportunity", o.id)));
    }

    private Uni<Opportunity> write(Caller caller, UUID id, long seen, Instant now) {
        return Opportunity.findInTenant(caller.tenantId(), id).chain(o -> {
            if (o == null) {
                throw Problems.notFound("Opportunity", id);
            }
            if (o.poolId == null) {
                throw PoolMoves.alreadyClaimed(id);
            }
            if (o.version != seen) {
                throw Problems.concurrentModification("opportunity " + id + " changed while it was claimed; retry");
            }
            PoolMoves.requireClaimable(o);
            UUID pool = o.poolId;
            String previousDepartment = o.departmentId;
            PoolMoves.claim(o, caller, now);
            // the version check of this flush is what lets exactly one of racing claims through
            return ownerChanges.ownerChanged(caller, o, null, previousDepartment, pool, null);
        });
    }

    static io.quarkiverse.resteasy.problem.HttpProblem unknownPool(UUID poolId) {
        return Problems.unprocessable("unknown-pool", "Unknown pool", "the tenant has no opportunity pool " + poolId,
                Map.of("poolId", poolId.toString()));
    }
}
