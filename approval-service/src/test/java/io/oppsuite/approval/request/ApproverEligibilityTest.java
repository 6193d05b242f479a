package io.oppsuite.approval.request;

import io.oppsuite.approval.request.ApproverEligibility.Context;
import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.ApproverType;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.tenancy.Caller;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApproverEligibilityTest {

    static final Step NAMED = new Step("Named", ApproverType.EMPLOYEES, List.of("cfo", "rep-1"), null, ApprovalMode.ANY);
    static final Step LEGAL = new Step("Legal", ApproverType.ROLE, List.of(), "legal", ApprovalMode.ANY);
    static final Step MANAGER = new Step("Manager", ApproverType.OWNER_MANAGER, List.of(), null, ApprovalMode.ANY);
    static final Context KNOWN_MANAGER = new Context("rep-1", "rep-1", "dept-1", "boss");
    static final Context UNKNOWN_MANAGER = new Context("rep-1", "rep-1", "dept-1", null);

    static Caller caller(String id, String department, String... roles) {
        return new Caller("t", id, department, Set.of(roles));
    }

    @Test
    void namedEmployeesAreTheListedIds() {
        assertTrue(ApproverEligibility.mayDecide(NAMED, caller("cfo", null, "sales"), KNOWN_MANAGER));
        assertFalse(ApproverEligibility.mayDecide(NAMED, caller("other", null, "admin"), KNOWN_MANAGER));
    }

    @Test
    void aRoleStepIsDecidedFromTheTokensGroups() {
        assertTrue(ApproverEligibility.mayDecide(LEGAL, caller("lawyer", null, "sales", "legal"), KNOWN_MANAGER));
        assertFalse(ApproverEligibility.mayDecide(LEGAL, caller("lawyer", null, "sales"), KNOWN_MANAGER));
    }

    @Test
    void theOwnersManagerComesFromTheDirectoryWhenKnown() {
        assertTrue(ApproverEligibility.mayDecide(MANAGER, caller("boss", "elsewhere", "sales"), KNOWN_MANAGER));
        // a manager of the department is not the owner's manager when the directory names one
        assertFalse(ApproverEligibility.mayDecide(MANAGER, caller("other-boss", "dept-1", "manager"), KNOWN_MANAGER));
    }

    @Test
    void withoutTheDirectoryAManagerOfTheOpportunitysDepartmentDecides() {
        assertTrue(ApproverEligibility.mayDecide(MANAGER, caller("other-boss", "dept-1", "manager"), UNKNOWN_MANAGER));
        assertFalse(ApproverEligibility.mayDecide(MANAGER, caller("other-boss", "dept-2", "manager"), UNKNOWN_MANAGER));
        assertFalse(ApproverEligibility.mayDecide(MANAGER, caller("peer", "dept-1", "sales"), UNKNOWN_MANAGER));
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        assertTrue(ApproverEligibility.isApproverOf(NAMED, caller("rep-1", null, "sales"), KNOWN_MANAGER));
        assertFalse(ApproverEligibility.mayDecide(NAMED, caller("rep-1", null, "sales"), KNOWN_MANAGER));
    }
}
