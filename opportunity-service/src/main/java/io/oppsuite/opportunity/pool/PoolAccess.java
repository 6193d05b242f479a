package io.oppsuite.opportunity.pool;

import io.oppsuite.common.tenancy.Caller;

import java.util.List;

/**
 * Who may claim from a pool and who may look into it. Plain Java.
 * <ul>
 *   <li>claim: admin; anyone in the tenant when the pool names neither departments nor groups;
 *       otherwise a caller whose JWT {@code department} or one of whose JWT {@code groups} the pool names;</li>
 *   <li>look (list, read its deals): those who may claim, and managers, who hand pool deals out and watch the shelf.</li>
 * </ul>
 * Pools are tenant configuration, not secrets: a caller who may not look gets a 404, as for any
 * record they may not see.
 */
public final class PoolAccess {

    public record Members(List<String> departments, List<String> groups) {
        public Members {
            departments = departments == null ? List.of() : List.copyOf(departments);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        boolean open() {
            return departments.isEmpty() && groups.isEmpty();
        }
    }

    private PoolAccess() {
    }

    public static boolean mayClaim(Caller caller, Members members) {
        if (caller.isAdmin() || members.open()) {
            return true;
        }
        if (caller.departmentId() != null && members.departments().contains(caller.departmentId())) {
            return true;
        }
        return caller.roles().stream().anyMatch(members.groups()::contains);
    }

    public static boolean maySee(Caller caller, Members members) {
        return caller.isManager() || mayClaim(caller, members);
    }
}
