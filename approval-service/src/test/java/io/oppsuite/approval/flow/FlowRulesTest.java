package io.oppsuite.approval.flow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.ApproverType;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.contracts.ApprovalEvents.Trigger;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowRulesTest {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Step MANAGER = new Step("Manager", ApproverType.OWNER_MANAGER, null, null, ApprovalMode.ANY);

    @Test
    void aCompleteCreationFlowIsValid() {
        FlowRequest flow = new FlowRequest("Big deals", Trigger.OPPORTUNITY_CREATION, null, null,
                List.of(new FieldCondition("amount", "GTE", JSON.numberNode(100000)),
                        new FieldCondition("accountId", "IN", JSON.arrayNode().add("acc-1").add("acc-2"))),
                List.of(MANAGER, new Step("Finance", ApproverType.EMPLOYEES, List.of("cfo"), null, ApprovalMode.ALL),
                        new Step("Legal", ApproverType.ROLE, null, "legal", null)), true);
        assertEquals(List.of(), FlowRules.violations(flow));
    }

    @Test
    void stageCompletionNeedsProcessAndStage() {
        FlowRequest flow = new FlowRequest("Proposal sign-off", Trigger.STAGE_COMPLETION, null, " ", null, List.of(MANAGER), true);
        assertEquals(2, FlowRules.violations(flow).size(), FlowRules.violations(flow).toString());
    }

    @Test
    void everyBrokenRuleIsReported() {
        FlowRequest flow = new FlowRequest("Broken", Trigger.OPPORTUNITY_CREATION, null, "proposal",
                List.of(new FieldCondition("amount", "ABOUT", JSON.numberNode(1)), new FieldCondition("amount", "GTE", null),
                        new FieldCondition("accountId", "IN", JSON.textNode("acc-1")), new FieldCondition(" ", "SET", null)),
                List.of(new Step("Nobody", ApproverType.EMPLOYEES, List.of(), null, ApprovalMode.ANY),
                        new Step("Everyone with a role", ApproverType.ROLE, null, "legal", ApprovalMode.ALL),
                        new Step("No role", ApproverType.ROLE, null, null, ApprovalMode.ANY),
                        new Step("No type", null, null, null, ApprovalMode.ANY),
                        new Step("Manager with a list", ApproverType.OWNER_MANAGER, List.of("x"), null, ApprovalMode.ANY)), true);
        List<String> violations = FlowRules.violations(flow);
        assertEquals(10, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("unknown operator ABOUT")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("steps[1]") && v.contains("use mode ANY")));
    }

    @Test
    void normalizedStepsDefaultModeAndNameAndDropDuplicates() {
        List<Step> steps = FlowRules.normalized(List.of(
                new Step(null, ApproverType.EMPLOYEES, List.of("a", "b", "a"), "ignored", null),
                new Step("Legal", ApproverType.ROLE, List.of("ignored"), " legal ", ApprovalMode.ANY)));
        assertEquals(new Step("Step 1", ApproverType.EMPLOYEES, List.of("a", "b"), null, ApprovalMode.ANY), steps.get(0));
        assertEquals(new Step("Legal", ApproverType.ROLE, List.of(), "legal", ApprovalMode.ANY), steps.get(1));
    }
}
