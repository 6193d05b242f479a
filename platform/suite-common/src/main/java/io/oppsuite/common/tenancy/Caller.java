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

    /** A system actor acting for a tenant, e.g. a Kafka consumer reacting to another service's event. */
    public static Caller system(String tenantId) {
        return new Caller(tenantId, "system", null, Set.of(Roles.ADMIN));
    }
}
