package io.oppsuite.analytics.team;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Set;

/** Reads the sales teams: which deals have an employee on their team, as the teams stand now. */
@ApplicationScoped
public class SalesTeams {

    @Inject
    Pool pool;

    /**
     * The condition "the row's deal has employee {@code $employeeParam} on its team", for a query on a table
     * with {@code opportunity_id} whose tenant is {@code $1} (through the index on (tenant, employee)).
     */
    public static String hasMember(int employeeParam) {
        return "opportunity_id in (select stm.opportunity_id from sales_team_member stm where stm.tenant_id = $1 and stm.employee_id = $"
                + employeeParam + ")";
    }

    /** The ids of the tenant's deals whose team has {@code employeeId} (empty for null). */
    public Uni<Set<String>> dealsOf(String tenantId, String employeeId) {
        if (employeeId == null) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("select opportunity_id from sales_team_member where tenant_id = $1 and employee_id = $2")
                .execute(Tuple.of(tenantId, employeeId)).map(rows -> {
                    Set<String> deals = new HashSet<>();
                    for (Row r : rows) {
                        deals.add(r.getString(0));
                    }
                    return deals;
                });
    }
}
