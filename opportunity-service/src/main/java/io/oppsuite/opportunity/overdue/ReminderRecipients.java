package io.oppsuite.opportunity.overdue;

import io.oppsuite.common.contracts.SalesProcessSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who an overdue reminder goes to, as employee ids: OWNER is the owner; OWNER_MANAGER the manager of
 * the owner's department (the directory's department of the owner, else the opportunity's), else the
 * owner's own manager (also when the owner manages that department). Someone the directory does not know (no owner in a pool, no manager) is left
 * out; nobody is named twice. A stage without reminder settings reminds its owner. Plain Java.
 */
public final class ReminderRecipients {

    /** What the directory knows of one employee. */
    public record Employee(String departmentId, String managerId) {
    }

    private ReminderRecipients() {
    }

    /** Whether the stage's settings send a reminder at all. */
    public static boolean enabled(SalesProcessSnapshot.OverdueReminder reminder) {
        return reminder == null || reminder.enabled();
    }

    /** The names of the recipients the settings ask for (no settings: the owner). */
    public static List<String> kinds(SalesProcessSnapshot.OverdueReminder reminder) {
        return reminder == null || reminder.recipients() == null || reminder.recipients().isEmpty()
                ? List.of("OWNER") : reminder.recipients();
    }

    public static List<String> resolve(List<String> kinds, String ownerId, String opportunityDepartment,
                                       Map<String, Employee> employees, Map<String, String> departmentManagers) {
        Set<String> ids = new LinkedHashSet<>();
        for (String kind : kinds) {
            if ("OWNER".equals(kind) && ownerId != null) {
                ids.add(ownerId);
            } else if ("OWNER_MANAGER".equals(kind) && ownerId != null) {
                Employee owner = employees.get(ownerId);
                String department = owner != null && owner.departmentId() != null ? owner.departmentId() : opportunityDepartment;
                String manager = department == null ? null : departmentManagers.get(department);
                if ((manager == null || manager.equals(ownerId)) && owner != null) {
                    // the owner manages their own department: their own manager is the one above them
                    manager = owner.managerId();
                }
                if (manager != null) {
                    ids.add(manager);
                }
            }
        }
        return new ArrayList<>(ids);
    }
}
