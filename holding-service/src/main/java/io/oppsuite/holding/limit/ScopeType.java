package io.oppsuite.holding.limit;

/** Whom a holding rule limits. */
public enum ScopeType {
    /** Each employee matching the rule's employee conditions, counted one by one. */
    EMPLOYEES,
    /** All members of one department together. */
    DEPARTMENT,
    /** All members of one user group together. */
    USER_GROUP
}
