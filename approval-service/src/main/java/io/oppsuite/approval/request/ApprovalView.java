package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityState;

import java.time.Instant;
import java.util.List;

/**
 * An approval as its readers see it, with the current step and who approved it so far, and the
 * opportunity as it was when the approval was requested ({@code opportunity}): the values the approver
 * decides on (opportunity-service refuses changes to the fields the flow's conditions read while it waits).
 */
public record ApprovalView(String id, String requestId, ApprovalEvents.Trigger trigger, String flowId, String flowName,
                           String opportunityId, String opportunityName, String ownerId, String fromStage, String toStage,
                           String requestedBy, Instant requestedAt, ApprovalStatus status, List<ApprovalEvents.Step> steps,
                           Integer currentStep, String currentStepName, List<String> currentStepApprovals,
                           String decidedBy, Instant decidedAt, long version, OpportunityState opportunity) {

    static ApprovalView of(Approval a, List<ApprovalEvents.Step> steps, List<String> approvals, OpportunityState opportunity) {
        boolean open = a.status == ApprovalStatus.PENDING && a.currentStep < steps.size();
        return new ApprovalView(a.id.toString(), a.requestId, a.trigger, a.flowId, a.flowName, a.opportunityId, a.opportunityName,
                a.ownerId, a.fromStage, a.toStage, a.requestedBy, a.requestedAt, a.status, steps,
                open ? a.currentStep : null, open ? steps.get(a.currentStep).name() : null, approvals,
                a.decidedBy, a.decidedAt, a.version, opportunity);
    }
}
