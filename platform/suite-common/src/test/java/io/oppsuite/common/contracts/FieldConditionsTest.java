package io.oppsuite.common.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldConditionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static FieldCondition c(String field, String op, String valueJson) {
        return new FieldCondition(field, op, valueJson == null ? null : json(valueJson));
    }

    final JsonNode opp = json("""
            {"amount": 1500.50, "status": "ACTIVE", "expectedCloseDate": "2026-12-01", "accountId": "",
             "customFields": {"decisionMaker": "Ann", "seats": "12"}}""");

    @Test
    void setAndNotSet() {
        assertTrue(FieldConditions.holds(c("customFields.decisionMaker", "SET", null), opp));
        assertFalse(FieldConditions.holds(c("accountId", "SET", null), opp), "blank counts as not set");
        assertTrue(FieldConditions.holds(c("missing.deep", "NOT_SET", null), opp));
    }

    @Test
    void numbersCompareAsNumbers() {
        assertTrue(FieldConditions.holds(c("amount", "GT", "0"), opp));
        assertTrue(FieldConditions.holds(c("amount", "GTE", "1500.5"), opp));
        assertFalse(FieldConditions.holds(c("amount", "LT", "1000"), opp));
        assertTrue(FieldConditions.holds(c("customFields.seats", "GT", "9"), opp), "numeric text compares numerically");
    }

    @Test
    void equalityInAndDates() {
        assertTrue(FieldConditions.holds(c("status", "EQ", "\"ACTIVE\""), opp));
        assertTrue(FieldConditions.holds(c("status", "IN", "[\"ACTIVE\",\"PENDING_APPROVAL\"]"), opp));
        assertFalse(FieldConditions.holds(c("status", "NE", "\"ACTIVE\""), opp));
        assertTrue(FieldConditions.holds(c("expectedCloseDate", "LT", "\"2027-01-01\""), opp));
        assertFalse(FieldConditions.holds(c("missing", "GT", "1"), opp), "a missing field satisfies no comparison");
    }

    @Test
    void unknownOperatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FieldConditions.holds(c("amount", "LIKE", "1"), opp));
    }
}
