package io.oppsuite.opportunity.core;

import io.oppsuite.common.tenancy.Caller;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sort parsing and the keyset condition a cursor turns into, without a database. */
class OpportunityQueryTest {

    static final Caller ADMIN = new Caller("t", "admin-1", null, Set.of("admin"));

    static OpportunityQuery sorted(String sort) {
        return new OpportunityQuery(null, null, null, null, null, null, null, sort);
    }

    static Opportunity row(String name, String amount) {
        Opportunity o = new Opportunity();
        o.id = UUID.fromString("00000000-0000-0000-0000-000000000007");
        o.name = name;
        o.amount = new BigDecimal(amount);
        o.createdAt = Instant.parse("2026-11-23T10:00:00.123456Z");
        return o;
    }

    @Test
    void idAlwaysBreaksTies() {
        assertEquals("createdAt desc, id asc", sorted(null).orderBy());
        assertEquals("amount asc, name desc, id asc", sorted("amount,-name").orderBy());
        assertEquals(400, assertThrows(HttpProblem.class, () -> sorted("tenantId").orderBy()).getStatusCode());
    }

    @Test
    void aCursorContinuesAfterTheLastRowInItsOwnOrder() {
        OpportunityQuery query = sorted("amount,-name");
        String cursor = query.cursorAfter(row("Beta", "150.50"));
        OpportunityQuery.Hql after = query.after(query.toHql(ADMIN), cursor);
        assertEquals("tenantId = :tenant and amount >= :k0 and (amount > :k0 or (amount = :k0 and "
                + "(name < :k1 or (name = :k1 and id > :kid))))", after.where());
        assertEquals(new BigDecimal("150.50"), after.params().get("k0"));
        assertEquals("Beta", after.params().get("k1"));
        assertEquals(UUID.fromString("00000000-0000-0000-0000-000000000007"), after.params().get("kid"));

        OpportunityQuery newest = sorted(null);
        OpportunityQuery.Hql fromNewest = newest.after(newest.toHql(ADMIN), newest.cursorAfter(row("A", "1")));
        assertEquals(Instant.parse("2026-11-23T10:00:00.123456Z"), fromNewest.params().get("k0"));
        assertTrue(fromNewest.where().contains("createdAt <= :k0 and (createdAt < :k0 or"));
    }

    @Test
    void cursorsOfAnotherSortOrTamperedOnesAre400() {
        String cursor = sorted(null).cursorAfter(row("A", "1"));
        OpportunityQuery byAmount = sorted("amount");
        assertEquals(400, assertThrows(HttpProblem.class, () -> byAmount.after(byAmount.toHql(ADMIN), cursor)).getStatusCode());
        OpportunityQuery newest = sorted(null);
        assertEquals(400, assertThrows(HttpProblem.class, () -> newest.after(newest.toHql(ADMIN), "%%%")).getStatusCode());
        assertEquals(400, assertThrows(HttpProblem.class, () -> newest.after(newest.toHql(ADMIN), cursor.substring(3))).getStatusCode());
        OpportunityQuery byClose = sorted("expectedCloseDate");
        assertFalse(byClose.keysetCapable());
        assertEquals(400, assertThrows(HttpProblem.class, () -> byClose.after(byClose.toHql(ADMIN), cursor)).getStatusCode());
    }
}
