package io.oppsuite.holding.usage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.holding.directory.DirectoryJson;
import io.oppsuite.holding.directory.Department;
import io.oppsuite.holding.directory.Employee;
import io.oppsuite.holding.directory.UserGroup;
import io.oppsuite.holding.reservation.Reservation;
import io.oppsuite.holding.reservation.ReservationView;
import io.oppsuite.holding.limit.Held;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.limit.Member;
import io.oppsuite.holding.limit.RuleSpec;
import io.oppsuite.holding.limit.RuleUsage;
import io.oppsuite.holding.limit.ScopeKey;
import io.oppsuite.holding.limit.ScopeType;
import io.oppsuite.holding.rule.HoldingPolicy;
import io.oppsuite.holding.scope.ScopeStore;
import io.oppsuite.holding.usage.UsageViews.RuleUsageView;
import io.oppsuite.holding.usage.UsageViews.ScopeUsage;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Current holdings and headroom per employee, department and user group. Translates HTTP; {@link HoldingUsage} reads. */
@Path("/holdings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Holdings", description = "What each employee, department and user group holds now against its limits.")
public class UsageResource {

    @Inject
    CallerContext callerContext;

    @Inject
    HoldingUsage usage;

    @GET
    @Path("employees/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getEmployeeHoldings", summary = "An employee's holdings and headroom under every rule that binds them",
            description = "Includes department and user-group rules the employee falls under. Sales see themselves, managers their department.")
    @APIResponse(responseCode = "404", description = "Not visible to the caller, or neither in the directory nor holding anything")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ScopeUsage.class)))
    public Uni<ScopeUsage> employee(@PathParam("id") String id) {
        return usage.employee(callerContext.current(), id);
    }

    @GET
    @Path("employees/{id}/breakdown")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getEmployeeHoldingsBreakdown", summary = "What an employee's count is made of",
            description = "The opportunities they hold (live holdings that meet the holding definition) and their open "
                    + "reservations that count now (pending or confirmed, not yet settled by the opportunity's event nor expired).")
    @APIResponse(responseCode = "404", description = "Neither in the directory nor holding or reserving anything")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UsageViews.Breakdown.class)))
    public Uni<UsageViews.Breakdown> breakdown(@PathParam("id") String id) {
        return usage.breakdown(callerContext.current(), id);
    }

    @GET
    @Path("departments/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(operationId = "getDepartmentHoldings", summary = "A department's holdings (all members together) and headroom under its department rules")
    @APIResponse(responseCode = "404", description = "No such department, or not the caller's (managers see their own)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ScopeUsage.class)))
    public Uni<ScopeUsage> department(@PathParam("id") String id) {
        return usage.department(callerContext.current(), id);
    }

    @GET
    @Path("user-groups/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(operationId = "getUserGroupHoldings", summary = "A user group's holdings (all members together) and headroom under its group rules")
    @APIResponse(responseCode = "404", description = "No such user group")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ScopeUsage.class)))
    public Uni<ScopeUsage> userGroup(@PathParam("id") String id) {
        return usage.userGroup(callerContext.current(), id);
    }
}
