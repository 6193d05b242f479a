package io.oppsuite.approval.flow;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Create or replace an approval flow. Shape rules are checked here (400); the rules that
 * relate fields to each other are {@link FlowRules} (422).
 */
@Schema(example = """
        {"name": "Big deals", "trigger": "OPPORTUNITY_CREATION",
         "conditions": [{"field": "amount", "operator": "GTE", "value": 100000}],
         "steps": [{"name": "Manager", "approverType": "OWNER_MANAGER", "mode": "ANY"},
                   {"name": "Finance", "approverType": "EMPLOYEES", "employeeIds": ["cfo-1", "controller-2"], "mode": "ALL"}],
         "active": true}""")
public record FlowRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull ApprovalEvents.Trigger trigger,
        @Size(max = 64) String salesProcessId,
        @Size(max = 64) String stageKey,
        @Size(max = 50) List<SalesProcessSnapshot.@Valid FieldCondition> conditions,
        @NotNull @Size(min = 1, max = 20) List<ApprovalEvents.Step> steps,
        Boolean active) {
}
