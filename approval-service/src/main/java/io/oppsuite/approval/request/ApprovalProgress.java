package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.ApproverType;
import io.oppsuite.common.contracts.ApprovalEvents.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one eligible approver's decision moves an approval along its ordered steps. Steps run
 * in order; ANY: one approval completes the step; ALL: every listed employee must approve
 * but the requester and the owner, who may not decide their own request (an OWNER_MANAGER
 * step has one approver, so one approval completes it); any rejection
 * rejects the whole approval.
 */
public final class ApprovalProgress {

    public enum Decision { APPROVE, REJECT }

    public enum Result {
        /** The step still waits for other approvers (ALL). */
        STEP_PENDING,
        /** The step is complete; the next one is now current. */
        NEXT_STEP,
        APPROVED,
        REJECTED
    }

    /** @param stepApprovals who has approved the (new) current step so far */
    public record After(Result result, int currentStep, List<String> stepApprovals) {
    }

    private ApprovalProgress() {
    }

    public static After decide(List<Step> steps, int currentStep, List<String> stepApprovals, String approver, Decision decision) {
        return decide(steps, currentStep, stepApprovals, approver, decision, Set.of());
    }

    /**
     * @param mayNotDecide who may never decide this approval (its requester and the owner): an
     *                     ALL step waits only for its other listed approvers, or it could never complete
     */
    public static After decide(List<Step> steps, int currentStep, List<String> stepApprovals, String approver, Decision decision,
                               Set<String> mayNotDecide) {
        if (decision == Decision.REJECT) {
            return new After(Result.REJECTED, currentStep, stepApprovals);
        }
        List<String> approvals = new ArrayList<>(stepApprovals);
        if (!approvals.contains(approver)) {
            approvals.add(approver);
        }
        if (!complete(steps.get(currentStep), approvals, mayNotDecide)) {
            return new After(Result.STEP_PENDING, currentStep, List.copyOf(approvals));
        }
        if (currentStep + 1 >= steps.size()) {
            return new After(Result.APPROVED, currentStep, List.copyOf(approvals));
        }
        return new After(Result.NEXT_STEP, currentStep + 1, List.of());
    }

    static boolean complete(Step step, List<String> approvals, Set<String> mayNotDecide) {
        if (step.mode() != ApprovalMode.ALL || step.approverType() != ApproverType.EMPLOYEES) {
            return !approvals.isEmpty();
        }
        return !approvals.isEmpty() && step.employeeIds().stream().filter(id -> !mayNotDecide.contains(id)).allMatch(approvals::contains);
    }
}
