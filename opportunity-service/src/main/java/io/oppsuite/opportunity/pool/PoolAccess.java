package io.oppsuite.opportunity.pool;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.directory.Directory;

import java.util.List;

/**
 * Who may claim from a pool and who may look into it. Plain Java.
 * <ul>
 *   <li>claim: admin; anyone in the tenant when the pool names no department, group or role;
 *       otherwise a caller whose department or one of whose user groups (holding-service's directory:
 *       the department falls back to the token's while the directory does not know the caller) the
 *       pool names, or who holds one of the token roles it names;</li>
 *   <li>look (list, read its deals): those who may claim, and managers, who hand pool deals out and watch the shelf.</li>
 * </ul>
 * Pools are tenant configuration, not secrets: a caller who may not look gets a 404, as for any
 * record they may not see.
 */
public final class PoolAccess {

    public record Members(List<String> departments, List<String> groups, List<String> roles) {
        public Members {
            departments = departments == null ? List.of() : List.copyOf(departments);
            groups = groups == null ? List.of() : List.copyOf(groups);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        boolean open() {
            return departments.isEmpty() && groups.isEmpty() && roles.isEmpty();
        }
    }

    private PoolAccess() {
    }

    public static boolean mayClaim(Caller caller, Directory.Member member, Members members) {
        if (caller.isAdmin() || members.open()) {
            return true;
        }
        String department = member.departmentId() != null ? member.departmentId() : caller.departmentId();
        if (department != null && members.departments().contains(department)) {
            return true;
        }
        return member.userGroups().stream().anyMatch(members.groups()::contains)
                || caller.roles().stream().anyMatch(members.roles()::contains);
    }

    public static boolean maySee(Caller caller, Directory.Member member, Members members) {
        return caller.isManager() || mayClaim(caller, member, members);
    }
}
