package io.oppsuite.common.tenancy;

import java.util.Set;

/**
 * Who is calling, taken from the JWT: the tenant every query is scoped by, the employee id
 * ({@code sub}) and the roles ({@code groups}). Passed explicitly into domain services so the
 * scoping is visible in every signature rather than hidden in a thread-local.
 */
public record Caller(String tenantId, String employeeId, String departmentId, Set<String> roles) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isManager() {
        return roles.contains(Roles.MANAGER);
    }

    /**
     * Record-level visibility shared by every service: admin sees the tenant, a manager their
     * department, anyone their own records.
     */
    public boolean canSee(String ownerId, String ownerDepartmentId) {
        return isAdmin()
                || employeeId.equals(ownerId)
                || (isManager() && departmentId != null && departmentId.equals(ownerDepartmentId));
    }

    /**
     * The owner rule of every write (create, reserve, assign): whom the caller may act for is whom
     * they may see. The owner's department must come from the directory, not from the request.
     */
    public boolean mayActFor(String ownerId, String ownerDepartmentId) {
        return canSee(ownerId, ownerDepartmentId);
    }
}
