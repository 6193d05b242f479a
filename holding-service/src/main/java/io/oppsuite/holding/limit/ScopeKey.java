package io.oppsuite.holding.limit;

/** One scope whose count a rule limits: a person, a department or a user group. */
public record ScopeKey(ScopeType type, String id) implements Comparable<ScopeKey> {

    public static ScopeKey person(String employeeId) {
        return new ScopeKey(ScopeType.EMPLOYEES, employeeId);
    }

    /** The advisory-lock name: reservations touching the same scope serialize on it. */
    public String lockName(String tenantId) {
        return "holding:" + tenantId + ":" + type + ":" + id;
    }

    @Override
    public int compareTo(ScopeKey other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : id.compareTo(other.id);
    }
}
