package io.oppsuite.opportunity.core;

import io.oppsuite.common.tenancy.Caller;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Writes an owner change already made on a deal (assign, change owner, return to a pool, claim
 * from one): the row, the owner-dependent duplicate keys, the stage's entry conditions for an owned
 * deal, and opportunity.owner-changed. A port: the pool feature hands deals over through it, and
 * the write path that knows those rules ({@code writing.OpportunityService}) implements it, so no
 * feature depends on the write path. In the caller's transaction.
 */
public interface OwnerChanges {

    Uni<Opportunity> ownerChanged(Caller caller, Opportunity o, String previousOwner, String previousDepartment,
                                  UUID previousPool, String reason);
}
