package io.oppsuite.analytics.team;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Set;

/** Reads the sales teams: which deals have an employee on their team, as the teams stand now. */
@ApplicationScoped
public class SalesTeams {

    /**
     * The condition "the row's deal has employee {@code ?employeeParam} on its team", for a native query on a table
     * with {@code opportunity_id} whose tenant is {@code ?1} (through the index on (tenant, employee)).
     */
    public static String hasMember(int employeeParam) {
        return "opportunity_id in (select stm.opportunity_id from sales_team_member stm where stm.tenant_id = ?1 and stm.employee_id = ?"
                + employeeParam + ")";
    }

    /** The ids of the tenant's deals whose team has {@code employeeId} (empty for null), in the caller's session or one of its own. */
    public Uni<Set<String>> dealsOf(String tenantId, String employeeId) {
        if (employeeId == null) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select opportunity_id from sales_team_member where tenant_id = ?1 and employee_id = ?2", String.class)
                .setParameter(1, tenantId).setParameter(2, employeeId).getResultList()))
                .map(HashSet::new);
    }
}
