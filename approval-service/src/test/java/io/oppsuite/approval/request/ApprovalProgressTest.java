package io.oppsuite.approval.request;

import io.oppsuite.approval.request.ApprovalProgress.After;
import io.oppsuite.approval.request.ApprovalProgress.Result;
import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.ApproverType;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.oppsuite.approval.request.ApprovalProgress.Decision.APPROVE;
import static io.oppsuite.approval.request.ApprovalProgress.Decision.REJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ApprovalProgressTest {

    static final Step ANY_OF_TWO = new Step("Sales ops", ApproverType.EMPLOYEES, List.of("a", "b"), null, ApprovalMode.ANY);
    static final Step ALL_OF_TWO = new Step("Finance", ApproverType.EMPLOYEES, List.of("c", "d"), null, ApprovalMode.ALL);
    static final Step MANAGER_ALL = new Step("Manager", ApproverType.OWNER_MANAGER, List.of(), null, ApprovalMode.ALL);

    @Test
    void oneApprovalCompletesAnAnyStepAndMovesToTheNext() {
        assertEquals(new After(Result.NEXT_STEP, 1, List.of()),
                ApprovalProgress.decide(List.of(ANY_OF_TWO, ALL_OF_TWO), 0, List.of(), "a", APPROVE));
    }

    @Test
    void anAllStepWaitsForEveryListedApprover() {
        List<Step> steps = List.of(ANY_OF_TWO, ALL_OF_TWO);
        After first = ApprovalProgress.decide(steps, 1, List.of(), "c", APPROVE);
        assertEquals(new After(Result.STEP_PENDING, 1, List.of("c")), first);
        assertEquals(Result.APPROVED, ApprovalProgress.decide(steps, 1, first.stepApprovals(), "d", APPROVE).result());
    }

    @Test
    void anOwnerManagerStepHasOneApproverEvenInAllMode() {
        assertEquals(Result.APPROVED, ApprovalProgress.decide(List.of(MANAGER_ALL), 0, List.of(), "boss", APPROVE).result());
    }

    @Test
    void anyRejectionRejectsTheWholeApproval() {
        assertEquals(Result.REJECTED, ApprovalProgress.decide(List.of(ANY_OF_TWO, ALL_OF_TWO), 1, List.of("c"), "d", REJECT).result());
        assertEquals(Result.REJECTED, ApprovalProgress.decide(List.of(ANY_OF_TWO), 0, List.of(), "a", REJECT).result());
    }

    @Test
    void theLastStepCompletingApprovesTheWhole() {
        assertEquals(Result.APPROVED, ApprovalProgress.decide(List.of(ALL_OF_TWO, ANY_OF_TWO), 1, List.of(), "b", APPROVE).result());
    }

    @Test
    void anAllStepDoesNotWaitForTheRequesterOrOwnerWhoMayNotDecide() {
        Step allOfThree = new Step("Leadership", ApproverType.EMPLOYEES, List.of("rep", "c", "d"), null, ApprovalMode.ALL);
        After first = ApprovalProgress.decide(List.of(allOfThree), 0, List.of(), "c", APPROVE, Set.of("rep"));
        assertEquals(Result.STEP_PENDING, first.result());
        assertEquals(Result.APPROVED, ApprovalProgress.decide(List.of(allOfThree), 0, first.stepApprovals(), "d", APPROVE,
                Set.of("rep")).result());
    }
}
