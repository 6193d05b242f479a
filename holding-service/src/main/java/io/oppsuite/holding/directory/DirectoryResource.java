package io.oppsuite.holding.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.holding.directory.DirectoryViews.DepartmentView;
import io.oppsuite.holding.directory.DirectoryViews.SyncResult;
import io.oppsuite.holding.directory.DirectoryViews.UserGroupView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The tenant's HR directory: bulk sync by an admin, read by anyone in the tenant. */
@Path("/directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory", description = "Employees, departments and user groups as synchronised from the company directory.")
public class DirectoryResource {

    @Inject
    CallerContext callerContext;

    @Inject
    DirectoryService directory;

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "syncDirectory", summary = "Bulk upsert departments, user groups and employees",
            description = "Listed rows are created or replaced, others are left alone; all or nothing. Each created or changed "
                    + "employee is published as employee.upserted on holding-events. Employees may only name departments and "
                    + "user groups that exist or come in the same batch (else 422).")
    @APIResponse(responseCode = "200", description = "Counts of created or changed rows")
    @APIResponse(responseCode = "422", description = "Duplicate ids or unknown departments/user groups")
    public Uni<SyncResult> sync(@Valid @NotNull DirectorySync request) {
        return directory.sync(callerContext.current().tenantId(), request);
    }

    @GET
    @Path("employees")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listEmployees", summary = "Employees, optionally of one department or user group")
    public Uni<List<HoldingEvents.Employee>> employees(@QueryParam("departmentId") String departmentId,
                                                      @QueryParam("userGroupId") String userGroupId) {
        return directory.employees(callerContext.current().tenantId(), departmentId, userGroupId);
    }

    @GET
    @Path("employees/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getEmployee", summary = "One employee")
    @APIResponse(responseCode = "404", description = "No such employee in the caller's tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = HoldingEvents.Employee.class)))
    public Uni<HoldingEvents.Employee> employee(@PathParam("id") String id) {
        return directory.employee(callerContext.current().tenantId(), id);
    }

    @DELETE
    @Path("employees/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteEmployee", summary = "Remove an employee", description = "Publishes employee.deleted {\"id\"}; their holdings stay counted.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> deleteEmployee(@PathParam("id") String id) {
        return directory.delete(callerContext.current().tenantId(), id);
    }

    @GET
    @Path("departments")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listDepartments", summary = "Departments")
    public Uni<List<DepartmentView>> departments() {
        return directory.departments(callerContext.current().tenantId()).map(l -> l.stream().map(DepartmentView::of).toList());
    }

    @GET
    @Path("user-groups")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listUserGroups", summary = "User groups")
    public Uni<List<UserGroupView>> userGroups() {
        return directory.userGroups(callerContext.current().tenantId()).map(l -> l.stream().map(UserGroupView::of).toList());
    }
}
