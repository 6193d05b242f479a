package io.oppsuite.holding.reservation;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.holding.team.TeamDeal;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whom a caller may reserve for, as a plain rule: the owner rule, and an EDIT member of a deal's
 * sales team re-reserving that existing deal for its current owner under its stored department
 * (never a READ member or a non-member, never for another owner, never a deal holding does not know).
 */
class OwnerAuthorityTest {

    static final Caller REP_B = new Caller("t-1", "rep-b", "east", Set.of("sales"));
    static final Caller BOSS_WEST = new Caller("t-1", "boss-w", "west", Set.of("manager"));

    /** rep-a's deal o-1, filed under east, as holding projects it, with the caller's team access. */
    static TeamDeal dealOfA(TeamAccess access) {
        return new TeamDeal("o-1", "rep-a", "east", access);
    }

    /** The directory knows rep-a and rep-b, both in east; rep-b reserves for rep-a. */
    static String reserveForA(Caller caller, String requestedDepartment, TeamDeal deal) {
        return OwnerAuthority.departmentFor(caller, true, caller.departmentId(), "rep-a", true, "east",
                requestedDepartment, requestedDepartment != null, deal);
    }

    static int status(Runnable call) {
        return assertThrows(HttpProblem.class, call::run).getStatusCode();
    }

    @Test
    void anEditMemberReReservesTheOwnersExistingDealUnderItsStoredDepartment() {
        assertEquals("east", reserveForA(REP_B, "east", dealOfA(TeamAccess.EDIT)));
        assertEquals("east", reserveForA(REP_B, null, dealOfA(TeamAccess.EDIT)));
        // a manager of another department on the team: the deal's department, not the manager's
        assertEquals("east", reserveForA(BOSS_WEST, null, dealOfA(TeamAccess.EDIT)));
        // a deal filed under no department stays there
        assertNull(reserveForA(REP_B, null, new TeamDeal("o-1", "rep-a", null, TeamAccess.EDIT)));
    }

    @Test
    void readMembersAndNonMembersAreRefused() {
        assertEquals(403, status(() -> reserveForA(REP_B, "east", dealOfA(TeamAccess.READ))));
        assertEquals(403, status(() -> reserveForA(REP_B, "east", dealOfA(null))));
        // no deal in holding's projection (a new id, or a deleted deal): no team to be on
        assertEquals(403, status(() -> reserveForA(REP_B, "east", null)));
    }

    @Test
    void anEditMemberNeitherChangesTheOwnerNorMovesTheDeal() {
        // the deal is rep-c's now (or sits in a pool): rep-a is no longer its owner
        assertEquals(403, status(() -> reserveForA(REP_B, "east", new TeamDeal("o-1", "rep-c", "east", TeamAccess.EDIT))));
        assertEquals(403, status(() -> reserveForA(REP_B, "east", new TeamDeal("o-1", null, "east", TeamAccess.EDIT))));
        assertEquals(422, status(() -> reserveForA(REP_B, "west", dealOfA(TeamAccess.EDIT))));
    }

    @Test
    void theOwnerRuleDecidesBeforeTheTeam() {
        // for themselves a rep files in their own department whatever a team says
        assertEquals("east", OwnerAuthority.departmentFor(REP_B, true, "east", "rep-b", true, "east", null, false,
                new TeamDeal("o-1", "rep-b", "west", TeamAccess.READ)));
        Caller admin = new Caller("t-1", "admin-1", null, Set.of("admin"));
        assertEquals("west", reserveForA(admin, "west", null));
    }

    @Test
    void whoMayHandleAReservation() {
        // its maker, whoever may act for its owner, and an edit member for the deal's current owner
        assertTrue(OwnerAuthority.mayHandle(REP_B, "rep-a", "east", "rep-b"));
        assertFalse(OwnerAuthority.mayHandle(REP_B, "rep-a", "east", "rep-a"));
        assertTrue(OwnerAuthority.mayHandle(new Caller("t-1", "rep-a", "east", Set.of("sales")), "rep-a", "east", "rep-b"));
        assertTrue(OwnerAuthority.mayHandle(REP_B, "rep-a", "east", "rep-a", dealOfA(TeamAccess.EDIT)));
        assertFalse(OwnerAuthority.mayHandle(REP_B, "rep-a", "east", "rep-a", dealOfA(TeamAccess.READ)));
        assertFalse(OwnerAuthority.mayHandle(REP_B, "rep-c", "east", "rep-c", dealOfA(TeamAccess.EDIT)));
    }
}
