package io.oppsuite.holding.team;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;

/**
 * An existing deal as holding-service projects it (not deleted), seen by one caller: its current
 * owner (null while it sits in a pool), its stored department, and the caller's access on its
 * sales team (null: not a member).
 */
public record TeamDeal(String opportunityId, String ownerId, String departmentId, TeamAccess callerAccess) {
}
