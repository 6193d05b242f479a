package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * The approval saga's contract.
 * <ol>
 * <li>approval-service publishes its flows on {@code approval-events} as {@code approval-flow.upserted}
 * / {@code approval-flow.deleted} (key = flow id) so opportunity-service knows, at create time,
 * whether a creation flow applies (conditions evaluated with {@link FieldConditions}).</li>
 * <li>opportunity-service publishes {@code opportunity.approval-requested} on
 * {@code opportunity-events} (key = opportunity id) with an {@link ApprovalRequest}.</li>
 * <li>approval-service creates the approval instance and publishes {@code approval.requested},
 * then {@code approval.approved}, {@code approval.rejected} or {@code approval.withdrawn}
 * (key = opportunity id, data = {@link ApprovalOutcome}).</li>
 * </ol>
 */
public final class ApprovalEvents {
    public static final String FLOW_UPSERTED = "approval-flow.upserted";
    public static final String FLOW_DELETED = "approval-flow.deleted";
    /** On opportunity-events, from opportunity-service. */
    public static final String APPROVAL_REQUESTED_BY_OPPORTUNITY = "opportunity.approval-requested";
    public static final String REQUESTED = "approval.requested";
    public static final String APPROVED = "approval.approved";
    public static final String REJECTED = "approval.rejected";
    public static final String WITHDRAWN = "approval.withdrawn";

    private ApprovalEvents() {
    }

    public enum Trigger {
        /** A new opportunity must be approved before it becomes ACTIVE. */
        OPPORTUNITY_CREATION,
        /** Completing {@code stageKey} of {@code salesProcessId} (moving on from it) must be approved. */
        STAGE_COMPLETION
    }

    /** How approvers of a step are found. */
    public enum ApproverType { EMPLOYEES, ROLE, OWNER_MANAGER }

    /** ANY: one approval completes the step; ALL: every approver must approve. */
    public enum ApprovalMode { ANY, ALL }

    /** Data of approval-flow.upserted. Conditions all must hold (AND) on the opportunity. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FlowSnapshot(String id, String name, Trigger trigger, String salesProcessId, String stageKey,
                               List<SalesProcessSnapshot.FieldCondition> conditions, List<Step> steps, boolean active,
                               long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String name, ApproverType approverType, List<String> employeeIds, String role, ApprovalMode mode) {
    }

    /**
     * Data of opportunity.approval-requested. {@code requestId} is opportunity-service's id of the
     * waiting creation or stage move; approval-service is idempotent on it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApprovalRequest(String requestId, Trigger trigger, String flowId, OpportunityState opportunity,
                                  String fromStage, String toStage, String requestedBy, Instant requestedAt) {
    }

    /** Data of approval.requested / approved / rejected / withdrawn. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApprovalOutcome(String approvalId, String requestId, Trigger trigger, String flowId, String opportunityId,
                                  String toStage, String decidedBy, String comment, Instant at) {
    }
}
