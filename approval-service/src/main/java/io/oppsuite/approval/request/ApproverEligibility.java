package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.Roles;

import java.util.List;

/**
 * Who may decide a step. EMPLOYEES: the listed ids. ROLE: anyone whose token carries the role.
 * OWNER_MANAGER: the owner's manager from holding-service's directory; when the directory
 * does not know the owner or their manager, a manager (token role) of the opportunity's
 * department. Nobody approves their own request: the requester and the owner are never eligible.
 */
public final class ApproverEligibility {

    /**
     * What is known about the opportunity and its owner when deciding.
     *
     * @param ownerManagerId the owner's manager per the directory, or null when unknown
     */
    public record Context(String requestedBy, String ownerId, String departmentId, String ownerManagerId) {
    }

    private ApproverEligibility() {
    }

    public static boolean mayDecide(Step step, Caller caller, Context context) {
        return !isSelf(caller, context) && isApproverOf(step, caller, context);
    }

    public static boolean isSelf(Caller caller, Context context) {
        return caller.employeeId().equals(context.requestedBy()) || caller.employeeId().equals(context.ownerId());
    }

    /** Whether the caller is named by the step at all (self-approval aside). */
    public static boolean isApproverOf(Step step, Caller caller, Context context) {
        return switch (step.approverType()) {
            case EMPLOYEES -> step.employeeIds() != null && step.employeeIds().contains(caller.employeeId());
            case ROLE -> caller.roles().contains(step.role());
            case OWNER_MANAGER -> context.ownerManagerId() != null
                    ? context.ownerManagerId().equals(caller.employeeId())
                    : caller.roles().contains(Roles.MANAGER) && context.departmentId() != null
                      && context.departmentId().equals(caller.departmentId());
        };
    }

    public static boolean isApproverOfAnyStep(List<Step> steps, Caller caller, Context context) {
        return steps.stream().anyMatch(step -> isApproverOf(step, caller, context));
    }
}
