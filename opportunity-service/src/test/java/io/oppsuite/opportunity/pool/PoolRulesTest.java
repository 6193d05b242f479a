package io.oppsuite.opportunity.pool;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.directory.Directory;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pool membership and what returning and claiming do to a deal, without Quarkus. */
class PoolRulesTest {

    static Caller caller(String department, String... roles) {
        return new Caller("t", "e-1", department, Set.of(roles));
    }

    static Directory.Member in(String department, String... groups) {
        return new Directory.Member(department, Set.of(groups));
    }

    @Test
    void membershipByTheDirectorysDepartmentOrGroupAndAnOpenPoolIsEveryones() {
        PoolAccess.Members east = new PoolAccess.Members(List.of("d-east"), List.of("key-accounts"), List.of());
        assertTrue(PoolAccess.mayClaim(caller(null, "sales"), in("d-east"), east));
        assertTrue(PoolAccess.mayClaim(caller("d-east", "sales"), Directory.Member.UNKNOWN, east), "the token's department until the directory knows");
        assertFalse(PoolAccess.mayClaim(caller("d-east", "sales"), in("d-west"), east), "the directory's department wins");
        assertTrue(PoolAccess.mayClaim(caller(null, "sales"), in(null, "key-accounts"), east));
        assertFalse(PoolAccess.mayClaim(caller(null, "sales", "key-accounts"), in(null), east), "a token role is no user group");
        assertFalse(PoolAccess.mayClaim(caller("d-west", "sales"), in("d-west"), east));
        assertFalse(PoolAccess.mayClaim(caller("d-west", "manager"), in("d-west"), east));
        assertTrue(PoolAccess.maySee(caller("d-west", "manager"), in("d-west"), east), "managers look into every pool");
        assertFalse(PoolAccess.maySee(caller("d-west", "sales"), in("d-west"), east));
        assertTrue(PoolAccess.mayClaim(caller(null, "admin"), Directory.Member.UNKNOWN, east));
        assertTrue(PoolAccess.mayClaim(caller(null, "sales"), Directory.Member.UNKNOWN, new PoolAccess.Members(null, List.of(), null)));
        PoolAccess.Members reps = new PoolAccess.Members(List.of(), List.of(), List.of("sales"));
        assertTrue(PoolAccess.mayClaim(caller(null, "sales"), Directory.Member.UNKNOWN, reps), "memberRoles: token roles, where a pool names them");
        assertFalse(PoolAccess.mayClaim(caller(null, "manager"), Directory.Member.UNKNOWN, reps));
    }

    static Opportunity owned() {
        Opportunity o = new Opportunity();
        o.id = UUID.randomUUID();
        o.ownerId = "rep-1";
        o.departmentId = "d-1";
        o.status = LifecycleStatus.ACTIVE;
        return o;
    }

    @Test
    void returnAndClaimKeepOwnedXorPooled() {
        Opportunity o = owned();
        UUID pool = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        PoolMoves.requireReturnable(o);
        PoolMoves.returnTo(o, pool, "  no budget ", now);
        assertNull(o.ownerId);
        assertEquals(pool, o.poolId);
        assertEquals("no budget", o.poolReason);
        assertEquals("d-1", o.departmentId);
        assertEquals(409, assertThrows(HttpProblem.class, () -> PoolMoves.requireReturnable(o)).getStatusCode());

        PoolMoves.claim(o, new Caller("t", "rep-2", "d-2", Set.of("sales")), now);
        assertEquals("rep-2", o.ownerId);
        assertEquals("d-2", o.departmentId);
        assertNull(o.poolId);
        assertNull(o.poolReason);
        assertEquals(pool, o.lastPoolId, "remembered: a late claimant hears 'already claimed'");

        PoolMoves.returnTo(o, pool, null, now);
        PoolMoves.claim(o, new Caller("t", "rep-3", null, Set.of("sales")), now);
        assertEquals("d-2", o.departmentId, "no department in the token: the deal keeps its own");
    }

    @Test
    void closedOrWaitingDealsDoNotGoBack() {
        Opportunity lost = owned();
        lost.status = LifecycleStatus.LOST;
        assertEquals(422, assertThrows(HttpProblem.class, () -> PoolMoves.requireReturnable(lost)).getStatusCode());
        Opportunity waiting = owned();
        waiting.pendingMoveTo = "proposal";
        assertEquals(422, assertThrows(HttpProblem.class, () -> PoolMoves.requireReturnable(waiting)).getStatusCode());
        Opportunity pending = owned();
        pending.status = LifecycleStatus.PENDING_APPROVAL;
        assertEquals(422, assertThrows(HttpProblem.class, () -> PoolMoves.requireReturnable(pending)).getStatusCode());
        assertEquals(422, assertThrows(HttpProblem.class, () -> PoolMoves.requireClaimable(lost)).getStatusCode());
    }
}
