package io.oppsuite.opportunity.pool;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.Opportunity;
import io.quarkiverse.resteasy.problem.HttpProblem;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What returning to a pool and claiming from it do to an opportunity, and when they are refused.
 * Plain Java: "owned xor pooled" (the table's check) holds after every method here.
 */
public final class PoolMoves {

    private PoolMoves() {
    }

    /**
     * Only a working deal goes back to a pool: not one already there, closed, waiting for its
     * creation approval or with a stage move waiting for one (an approval in flight has an owner
     * who asked for it).
     */
    public static void requireReturnable(Opportunity o) {
        if (o.poolId != null) {
            throw Problems.conflict("already-in-pool", "Already in a pool", "opportunity " + o.id + " already sits in pool " + o.poolId,
                    Map.of("poolId", o.poolId.toString()));
        }
        if (o.status != LifecycleStatus.ACTIVE || o.pendingMoveTo != null) {
            String why = o.pendingMoveTo != null ? "has a stage move waiting for approval" : "is " + o.status;
            throw Problems.unprocessable("opportunity-not-returnable", "Cannot go back to a pool",
                    "opportunity " + o.id + " " + why + "; only active opportunities without pending approvals go back to a pool",
                    Map.of("opportunityStatus", o.status.name()));
        }
    }

    public static void returnTo(Opportunity o, UUID poolId, String reason, Instant now) {
        o.ownerId = null;
        o.poolId = poolId;
        o.lastPoolId = poolId;
        o.pooledAt = now;
        o.poolReason = reason == null || reason.isBlank() ? null : reason.trim();
        o.updatedAt = now;
    }

    /** The caller takes it; it follows them into their department when the token names one. */
    public static void claim(Opportunity o, Caller caller, Instant now) {
        leavePool(o);
        o.ownerId = caller.employeeId();
        if (caller.departmentId() != null) {
            o.departmentId = caller.departmentId();
        }
        o.updatedAt = now;
    }

    /** Off the shelf (claimed, or assigned by someone who may); remembers which pool it left. */
    public static void leavePool(Opportunity o) {
        if (o.poolId != null) {
            o.lastPoolId = o.poolId;
        }
        o.poolId = null;
        o.pooledAt = null;
        o.poolReason = null;
    }

    /** A pool deal is claimed while it is open; a closed one stays on the shelf for the record. */
    public static void requireClaimable(Opportunity o) {
        if (o.status != LifecycleStatus.ACTIVE) {
            throw Problems.unprocessable("opportunity-closed", "Opportunity closed",
                    "opportunity " + o.id + " is " + o.status + " and cannot be claimed", Map.of("opportunityStatus", o.status.name()));
        }
    }

    /** Someone else was first (or the caller already has it): it left the pool it was in. */
    public static HttpProblem alreadyClaimed(UUID id) {
        return Problems.conflict("already-claimed", "Already claimed",
                "opportunity " + id + " has already been claimed from its pool", Map.of("opportunityId", id.toString()));
    }

    public static HttpProblem notInPool(UUID id) {
        return Problems.conflict("not-in-pool", "Not in a pool",
                "opportunity " + id + " is not in an opportunity pool; only pool opportunities can be claimed", Map.of("opportunityId", id.toString()));
    }
}
