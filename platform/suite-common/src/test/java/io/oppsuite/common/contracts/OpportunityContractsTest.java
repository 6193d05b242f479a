package io.oppsuite.common.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The pool fields are additions: events written before them still read, and the new ones round-trip. */
class OpportunityContractsTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void stateWithoutPoolStillReads() throws Exception {
        OpportunityState s = JSON.readValue("""
                {"id":"o1","name":"Deal","ownerId":"rep-1","amount":10,"currency":"EUR","status":"ACTIVE","version":3}""",
                OpportunityState.class);
        assertEquals("rep-1", s.ownerId());
        assertNull(s.poolId());
        assertEquals(3, s.version());
    }

    @Test
    void ownerChangedIntoAPoolRoundTrips() throws Exception {
        OpportunityState inPool = new OpportunityState("o1", "Deal", null, null, null, "d-1", BigDecimal.TEN, "EUR", BigDecimal.ONE,
                null, "p", "qualification", StageType.IN_PROGRESS, "ACTIVE", Instant.EPOCH, Instant.EPOCH, 4, "pool-1");
        String json = JSON.writeValueAsString(new OpportunityEvents.OwnerChanged(inPool, "rep-1", "d-1", "rep-1", null, "no budget"));
        OpportunityEvents.OwnerChanged read = JSON.readValue(json, OpportunityEvents.OwnerChanged.class);
        assertNull(read.opportunity().ownerId());
        assertEquals("pool-1", read.opportunity().poolId());
        assertEquals("rep-1", read.previousOwnerId());
        assertEquals("no budget", read.reason());

        OpportunityEvents.OwnerChanged old = JSON.readValue("""
                {"opportunity":{"id":"o1","ownerId":"rep-2","version":1},"previousOwnerId":"rep-1","by":"admin"}""",
                OpportunityEvents.OwnerChanged.class);
        assertNull(old.previousPoolId());
        assertEquals("rep-2", old.opportunity().ownerId());
    }
}
