package io.oppsuite.holding.reservation;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;

import java.util.Map;
import java.util.Objects;

/**
 * Whom a caller may reserve for, and under which department: the owner rule every service applies
 * ({@link Caller#mayActFor}), with the departments taken from the directory where it knows the
 * people. A rep works for themselves in their own department; a manager for the members of their
 * department, in it; an admin for anyone, in any department that exists.
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
     * @return the department the opportunity is filed under (null: none)
     */
    public static String departmentFor(Caller caller, boolean callerInDirectory, String callerDirectoryDepartment,
                                       String ownerId, boolean ownerInDirectory, String ownerDirectoryDepartment,
                                       String requestedDepartment, boolean requestedExists) {
        // the token's department claim stands in for people the directory does not know yet
        String callerDepartment = callerInDirectory ? callerDirectoryDepartment : caller.departmentId();
        boolean self = caller.employeeId().equals(ownerId);
        String ownerDepartment = ownerInDirectory ? ownerDirectoryDepartment
                : self ? callerDepartment
                : requestedDepartment != null ? requestedDepartment
                : caller.isAdmin() ? null : callerDepartment;
        Caller asDirectorySees = new Caller(caller.tenantId(), caller.employeeId(), callerDepartment, caller.roles());
        if (!asDirectorySees.mayActFor(ownerId, ownerDepartment)) {
            throw Problems.forbidden("you may reserve only for yourself" + (caller.isManager() ? " or members of your department" : "")
                    + "; " + ownerId + " is not one of them");
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
}
