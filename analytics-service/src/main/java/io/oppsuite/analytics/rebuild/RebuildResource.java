package io.oppsuite.analytics.rebuild;

import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/analytics/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operator actions of the tenant's admin, such as rebuilding analytics from the stored event log.")
public class RebuildResource {

    @Inject
    CallerContext callerContext;

    @Inject
    TenantRebuild rebuild;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rebuildAnalytics", summary = "Recompute the caller's tenant's analytics from the service's stored event log",
            description = "The stored log is complete (the topic's retention does not touch it), so no history is lost. "
                    + "Only the caller's tenant is rebuilt and counted; the other tenants are not touched. The tenant's "
                    + "new events wait until it commits; readers see the previous numbers until then. 409 while a rebuild "
                    + "of the same tenant runs. A suite-wide rebuild is an operator action on the service's operator port, "
                    + "not part of this API.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "{tenantId, events, opportunities, salesProcesses, tookMillis} of the caller's tenant"),
            @APIResponse(responseCode = "403", description = "Not an admin"),
            @APIResponse(responseCode = "409", description = "A rebuild of this tenant is already running (problem details)")})
    public Uni<TenantRebuild.Result> rebuild() {
        return rebuild.rebuild(callerContext.current().tenantId(), false);
    }
}
