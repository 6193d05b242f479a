package io.oppsuite.holding.limit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit arithmetic without I/O. */
class HoldingLimitsTest {

    static final List<FieldCondition> DEF = HoldingLimits.DEFAULT_DEFINITION;
    final Map<ScopeKey, Collection<Held>> held = new HashMap<>();

    static JsonNode opportunity(String status, String stageType, int amount) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", status);
        o.put("stageType", stageType);
        o.put("amount", amount);
        return o;
    }

    static JsonNode active() {
        return opportunity("ACTIVE", "IN_PROGRESS", 1000);
    }

    void hold(ScopeKey scope, String id, JsonNode opportunity) {
        held.computeIfAbsent(scope, k -> new ArrayList<>()).add(new Held(id, opportunity));
    }

    Decision decide(List<RuleSpec> rules, Member member, String id, JsonNode opportunity) {
        return HoldingLimits.decide(rules, DEF, member, id, opportunity, s -> held.getOrDefault(s, List.of()));
    }

    static RuleSpec perEmployee(String name, long limit) {
        return new RuleSpec(name, name, ScopeType.EMPLOYEES, null, List.of(), limit, null, List.of());
    }

    final Member rep = new Member("rep", "Rep", "d-1", "boss", List.of("g-1"), Map.of("quota", new BigDecimal("2")));

    @Test
    void aDealAwaitingApprovalIsJudgedAsTheActiveDealItWillBecome() {
        List<FieldCondition> activeOnly = List.of(new FieldCondition("status", "EQ", Json.text("ACTIVE")));
        assertTrue(HoldingLimits.meets(activeOnly, opportunity("PENDING_APPROVAL", "IN_PROGRESS", 1000)));
        assertTrue(HoldingLimits.meets(activeOnly, active()));
        assertFalse(HoldingLimits.meets(activeOnly, opportunity("REJECTED", "IN_PROGRESS", 1000)));
        assertFalse(HoldingLimits.meets(activeOnly, opportunity("DRAFT", "IN_PROGRESS", 1000)));
        assertFalse(HoldingLimits.meets(activeOnly, opportunity("WON", "WON", 1000)));
        List<FieldCondition> pendingOnly = List.of(new FieldCondition("status", "EQ", Json.text("PENDING_APPROVAL")));
        assertFalse(HoldingLimits.meets(pendingOnly, opportunity("PENDING_APPROVAL", "IN_PROGRESS", 1000)),
                "a definition is read as of the approved deal");
    }

    @Test
    void theSmallestFullLimitIsNamed() {
        hold(ScopeKey.person("rep"), "o1", active());
        hold(ScopeKey.person("rep"), "o2", active());
        RuleSpec quota = new RuleSpec("q", "Quota", ScopeType.EMPLOYEES, null, List.of(), null, "quota", List.of());
        Decision d = decide(List.of(perEmployee("ten", 10), perEmployee("two", 2), quota), rep, "o3", active());
        assertFalse(d.granted());
        assertEquals(2, d.refusal().limit());
        assertEquals(2, d.refusal().current());
        assertEquals("two", d.refusal().rule().name());
    }

    @Test
    void aDepartmentCountsAllItsMembersTogether() {
        RuleSpec dept = new RuleSpec("d", "Dept", ScopeType.DEPARTMENT, "d-1", List.of(), 2L, null, List.of());
        hold(new ScopeKey(ScopeType.DEPARTMENT, "d-1"), "o1", active());
        assertTrue(decide(List.of(dept), rep, "o2", active()).granted());
        hold(new ScopeKey(ScopeType.DEPARTMENT, "d-1"), "o2", active());
        assertEquals("Dept", decide(List.of(dept), rep, "o3", active()).refusal().rule().name());
        Member elsewhere = new Member("x", "X", "d-2", null, List.of(), Map.of());
        assertTrue(decide(List.of(dept), elsewhere, "o3", active()).granted());
    }

    @Test
    void onlyOpportunitiesMeetingTheDefinitionAndRuleConditionsCount() {
        hold(ScopeKey.person("rep"), "won", opportunity("WON", "WON", 1000));
        hold(ScopeKey.person("rep"), "small", active());
        RuleSpec big = new RuleSpec("b", "Big", ScopeType.EMPLOYEES, null, List.of(), 1L, null,
                List.of(new FieldCondition("amount", "GTE", JsonNodeFactory.instance.numberNode(50000))));
        assertTrue(decide(List.of(big), rep, "o", opportunity("ACTIVE", "IN_PROGRESS", 60000)).granted());
        Decision outside = decide(List.of(perEmployee("zero", 0)), rep, "o", opportunity("LOST", "LOST", 1));
        assertFalse(outside.counts());
        assertTrue(outside.granted());
    }

    @Test
    void anOpportunityAlreadyCountedIsNoNewHoldingAndCountsOnce() {
        hold(ScopeKey.person("rep"), "o1", active());
        hold(ScopeKey.person("rep"), "o1", active()); // holding and reservation of one opportunity
        assertEquals(1, HoldingLimits.usages(List.of(perEmployee("one", 1)), DEF, rep, s -> held.getOrDefault(s, List.of())).get(0).current());
        assertTrue(decide(List.of(perEmployee("one", 1)), rep, "o1", active()).granted());
    }

    @Test
    void employeeConditionsAndMissingVariableLimitsDecideWhomARuleBinds() {
        RuleSpec juniors = new RuleSpec("j", "Juniors", ScopeType.EMPLOYEES, null,
                List.of(new FieldCondition("attributes.level", "LT", JsonNodeFactory.instance.numberNode(2))), 0L, null, List.of());
        Member junior = new Member("j", "J", null, null, List.of(), Map.of("level", BigDecimal.ONE));
        Member senior = new Member("s", "S", null, null, List.of(), Map.of("level", BigDecimal.TEN));
        assertFalse(decide(List.of(juniors), junior, "o", active()).granted());
        assertTrue(decide(List.of(juniors), senior, "o", active()).granted());
        RuleSpec byQuota = new RuleSpec("q", "Quota", ScopeType.EMPLOYEES, null, List.of(), null, "quota", List.of());
        assertTrue(decide(List.of(byQuota), senior, "o", active()).granted());
    }

    @Test
    void scopesAreLockedInOneOrder() {
        List<ScopeKey> scopes = HoldingLimits.scopesOf(new Member("rep", null, "d-1", null, List.of("g-2", "g-1"), Map.of()));
        assertEquals(List.of(ScopeKey.person("rep"), new ScopeKey(ScopeType.DEPARTMENT, "d-1"),
                new ScopeKey(ScopeType.USER_GROUP, "g-1"), new ScopeKey(ScopeType.USER_GROUP, "g-2")), scopes);
    }
}
