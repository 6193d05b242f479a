package io.oppsuite.common.tenancy;

/** Role names carried in the JWT {@code groups} claim. */
public final class Roles {
    /** Configures processes, rules and flows; sees everything in the tenant. */
    public static final String ADMIN = "admin";
    /** Sees and works the deals of their department. */
    public static final String MANAGER = "manager";
    /** Works their own deals. */
    public static final String SALES = "sales";
    /** A subscribing system (not a person): reads the tenant's event snapshot to resync. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
