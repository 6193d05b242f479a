package io.oppsuite.approval.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.oppsuite.common.contracts.ApprovalEvents.FlowSnapshot;
import io.oppsuite.common.contracts.ApprovalEvents.Trigger;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlowSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<FieldCondition> BIG = List.of(new FieldCondition("amount", "GTE", IntNode.valueOf(100000)));

    private static FlowSnapshot flow(String id, Trigger trigger, String process, String stage, List<FieldCondition> conditions,
                                     boolean active) {
        return new FlowSnapshot(id, "flow " + id, trigger, process, stage, conditions, FlowSelection.DEFAULT_STEPS, active, 0);
    }

    private static JsonNode opportunity(int amount) {
        return JSON.valueToTree(Map.of("id", "o-1", "amount", amount, "salesProcessId", "p-1", "stageKey", "proposal"));
    }

    private static Optional<String> selected(List<FlowSnapshot> flows, Trigger trigger, JsonNode o, String fromStage) {
        return FlowSelection.select(flows, trigger, o, fromStage).map(FlowSnapshot::id);
    }

    @Test
    void creationFlowsApplyWhenActiveAndTheirConditionsHold() {
        List<FlowSnapshot> flows = List.of(flow("b", Trigger.OPPORTUNITY_CREATION, null, null, BIG, true),
                flow("a", Trigger.OPPORTUNITY_CREATION, null, null, BIG, false),
                flow("c", Trigger.STAGE_COMPLETION, "p-1", "proposal", List.of(), true));
        assertEquals(Optional.of("b"), selected(flows, Trigger.OPPORTUNITY_CREATION, opportunity(250000), null));
        assertEquals(Optional.empty(), selected(flows, Trigger.OPPORTUNITY_CREATION, opportunity(5000), null));
    }

    @Test
    void stageFlowsMatchTheProcessAndTheStageBeingCompleted() {
        List<FlowSnapshot> flows = List.of(flow("x", Trigger.STAGE_COMPLETION, "p-1", "negotiation", List.of(), true),
                flow("y", Trigger.STAGE_COMPLETION, "p-2", "proposal", List.of(), true),
                flow("z", Trigger.STAGE_COMPLETION, "p-1", "proposal", BIG, true));
        assertEquals(Optional.of("z"), selected(flows, Trigger.STAGE_COMPLETION, opportunity(100000), "proposal"));
        assertEquals(Optional.of("x"), selected(flows, Trigger.STAGE_COMPLETION, opportunity(1), "negotiation"));
        // without fromStage, the opportunity's current stage is the one being completed
        assertEquals(Optional.of("z"), selected(flows, Trigger.STAGE_COMPLETION, opportunity(100000), null));
        assertEquals(Optional.empty(), selected(flows, Trigger.STAGE_COMPLETION, opportunity(1), "proposal"));
    }

    @Test
    void accountListConditionsSelectByAccount() {
        List<FieldCondition> keyAccounts = List.of(new FieldCondition("accountId", "IN", JSON.valueToTree(List.of("acc-1", "acc-7"))));
        List<FlowSnapshot> flows = List.of(flow("k", Trigger.OPPORTUNITY_CREATION, null, null, keyAccounts, true));
        JsonNode keyAccount = JSON.valueToTree(Map.of("id", "o-1", "accountId", "acc-7", "amount", 10));
        JsonNode other = JSON.valueToTree(Map.of("id", "o-2", "accountId", "acc-2", "amount", 10));
        assertEquals(Optional.of("k"), selected(flows, Trigger.OPPORTUNITY_CREATION, keyAccount, null));
        assertEquals(Optional.empty(), selected(flows, Trigger.OPPORTUNITY_CREATION, other, null));
    }
}
