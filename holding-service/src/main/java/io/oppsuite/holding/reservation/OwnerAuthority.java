package io.oppsuite.holding.reservation;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.holding.team.TeamDeal;

import java.util.Map;
import java.util.Objects;

/**
 * Whom a caller may reserve for, and under which department: the owner rule every service applies
 * ({@link Caller#mayActFor}), with the departments taken from the directory where it knows the
 * people. A rep works for themselves in their own department; a manager for the members of their
 * department, in it; an admin for anyone, in any department that exists. Besides, an EDIT member
 * of a deal's sales team (as holding-service projects it) may reserve that existing deal again for
 * its current owner under its stored department: the reservation a write to the deal takes. That
 * is no owner change and no new deal, so a rep still cannot fill a colleague's holding limit, and
 * being on a team never counts towards the member's own limits.
 */
public final class OwnerAuthority {

    public static final String DEPARTMENT_NOT_ALLOWED = "department-not-allowed";
    public static final String UNKNOWN_DEPARTMENT = "unknown-department";

    private OwnerAuthority() {
    }

    /**
     * @param caller            the token's caller
     * @param callerInDirectory whether the directory knows the caller
     * @param callerDirectoryDepartment the caller's department there (ignored when not known)
     * @param ownerId           whom the reservation is for
     * @param ownerInDirectory  whether the directory knows the owner
     * @param ownerDirectoryDepartment the owner's department there (ignored when not known)
     * @param requestedDepartment the department the request names, or null
     * @param requestedExists   whether the requested department exists in the directory
     * @param deal              the existing deal the request names, with the caller's access on its team (null: no such
     *                          deal, or not looked up because the caller acts for the owner anyway)
     * @return the department the opportunity is filed under (null: none)
     */
    public static String departmentFor(Caller caller, boolean callerInDirectory, String callerDirectoryDepartment,
                                       String ownerId, boolean ownerInDirectory, String ownerDirectoryDepartment,
                                       String requestedDepartment, boolean requestedExists, TeamDeal deal) {
        // the token's department claim stands in for people the directory does not know yet
        String callerDepartment = callerInDirectory ? callerDirectoryDepartment : caller.departmentId();
        boolean self = caller.employeeId().equals(ownerId);
        String ownerDepartment = ownerInDirectory ? ownerDirectoryDepartment
                : self ? callerDepartment
                : requestedDepartment != null ? requestedDepartment
                : caller.isAdmin() ? null : callerDepartment;
        Caller asDirectorySees = new Caller(caller.tenantId(), caller.employeeId(), callerDepartment, caller.roles());
        if (!asDirectorySees.mayActFor(ownerId, ownerDepartment)) {
            if (editsTheDealFor(deal, ownerId)) {
                return teamDepartment(ownerId, requestedDepartment, deal);
            }
            throw Problems.forbidden("you may reserve only for yourself" + (caller.isManager() ? " or members of your department" : "")
                    + (deal != null && deal.callerAccess() == TeamAccess.EDIT ? ", or for the current owner of a deal whose sales team you edit" : "")
                    + "; " + ownerId + " is not one of them"
                    + (deal != null && deal.callerAccess() == TeamAccess.READ ? " (your access on this deal's sales team is READ)" : ""));
        }
        // a department the rule itself derives (the token's claim for someone the directory does not know yet) is
        // not "unknown": a write to a deal filed under it (a PATCH names the stored department) must not be refused
        if (requestedDepartment != null && !requestedExists && !requestedDepartment.equals(ownerDepartment)) {
            throw Problems.unprocessable(UNKNOWN_DEPARTMENT, "Unknown department",
                    "department " + requestedDepartment + " does not exist", Map.of("departmentId", requestedDepartment));
        }
        if (caller.isAdmin()) {
            return requestedDepartment != null ? requestedDepartment : ownerDepartment;
        }
        // a rep files in their own department; a manager in theirs (which a member they act for shares)
        String allowed = self || !caller.isManager() ? ownerDepartment : callerDepartment;
        if (requestedDepartment != null && !requestedDepartment.equals(allowed)) {
            throw Problems.unprocessable(DEPARTMENT_NOT_ALLOWED, "Department not allowed",
                    "an opportunity of " + ownerId + " is filed under " + (allowed == null ? "no department" : "department " + allowed),
                    Map.of("departmentId", requestedDepartment, "allowedDepartmentId", Objects.requireNonNullElse(allowed, "")));
        }
        return allowed;
    }

    /**
     * Whether the caller, through the deal's sales team, writes to {@code deal} as it stands for
     * {@code ownerId}: an EDIT member, and {@code ownerId} its current owner (a deal in a pool has none).
     */
    public static boolean editsTheDealFor(TeamDeal deal, String ownerId) {
        return deal != null && deal.callerAccess() == TeamAccess.EDIT && deal.ownerId() != null && deal.ownerId().equals(ownerId);
    }

    /** An edit member files the deal where it is stored; naming another department is a move the owner's side makes. */
    private static String teamDepartment(String ownerId, String requestedDepartment, TeamDeal deal) {
        if (requestedDepartment != null && !requestedDepartment.equals(deal.departmentId())) {
            throw Problems.unprocessable(DEPARTMENT_NOT_ALLOWED, "Department not allowed",
                    "opportunity " + deal.opportunityId() + " of " + ownerId + " is filed under "
                            + (deal.departmentId() == null ? "no department" : "department " + deal.departmentId()),
                    Map.of("departmentId", requestedDepartment, "allowedDepartmentId", Objects.requireNonNullElse(deal.departmentId(), "")));
        }
        return deal.departmentId();
    }

    /**
     * Who may read, confirm or release a reservation without asking the team: whoever may act for
     * its owner, and whoever made it (an edit member confirms the reservation their write took).
     */
    public static boolean mayHandle(Caller caller, String ownerId, String departmentId, String reservedBy) {
        return caller.mayActFor(ownerId, departmentId) || caller.employeeId().equals(reservedBy);
    }

    /**
     * The same, with the deal the reservation is for: an edit member of its team may also handle the
     * owner's reservation of it (a retried write of theirs may be answered with one the owner made).
     */
    public static boolean mayHandle(Caller caller, String ownerId, String departmentId, String reservedBy, TeamDeal deal) {
        return mayHandle(caller, ownerId, departmentId, reservedBy) || editsTheDealFor(deal, ownerId);
    }
}
