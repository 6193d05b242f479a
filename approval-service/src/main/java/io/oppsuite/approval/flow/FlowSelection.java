package io.oppsuite.approval.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.ApproverType;
import io.oppsuite.common.contracts.ApprovalEvents.FlowSnapshot;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.contracts.FieldConditions;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which flow governs a request that names none. opportunity-service sends no flowId when a
 * stage's settings (pipeline-config) require an approval on completion without naming a flow;
 * then the tenant's active flow for that trigger (and process stage) whose conditions hold on
 * the opportunity applies, and without one the owner's manager decides alone.
 */
public final class FlowSelection {

    /** The steps used when no configured flow applies. */
    public static final List<Step> DEFAULT_STEPS = List.of(new Step("Owner's manager", ApproverType.OWNER_MANAGER, List.of(), null,
            ApprovalMode.ANY));
    public static final String DEFAULT_NAME = "Default: owner's manager";

    private FlowSelection() {
    }

    /**
     * @param opportunity the opportunity as JSON (the conditions' subject)
     * @param fromStage   for STAGE_COMPLETION, the stage being completed
     */
    public static Optional<FlowSnapshot> select(List<FlowSnapshot> flows, ApprovalEvents.Trigger trigger, JsonNode opportunity,
                                                String fromStage) {
        return flows.stream()
                .filter(f -> applies(f, trigger, opportunity, fromStage))
                .min(Comparator.comparing(FlowSnapshot::name).thenComparing(FlowSnapshot::id));
    }

    static boolean applies(FlowSnapshot flow, ApprovalEvents.Trigger trigger, JsonNode opportunity, String fromStage) {
        if (!flow.active() || flow.trigger() != trigger) {
            return false;
        }
        if (trigger == ApprovalEvents.Trigger.STAGE_COMPLETION) {
            String processId = opportunity.path("salesProcessId").asText(null);
            String completed = fromStage != null ? fromStage : opportunity.path("stageKey").asText(null);
            if (!Objects.equals(flow.salesProcessId(), processId) || !Objects.equals(flow.stageKey(), completed)) {
                return false;
            }
        }
        return FieldConditions.allHold(flow.conditions(), opportunity);
    }
}
