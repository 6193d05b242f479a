package io.oppsuite.holding.directory;

/** What the directory read API answers besides employees (which use the event shape, HoldingEvents.Employee). */
public final class DirectoryViews {
    private DirectoryViews() {
    }

    public record DepartmentView(String id, String name, String managerId) {
        static DepartmentView of(Department d) {
            return new DepartmentView(d.id, d.name, d.managerId);
        }
    }

    public record UserGroupView(String id, String name) {
        static UserGroupView of(UserGroup g) {
            return new UserGroupView(g.id, g.name);
        }
    }

    /** How many rows of each kind were created or changed; unchanged rows publish nothing. */
    public record SyncResult(int departments, int userGroups, int employees) {
    }
}
