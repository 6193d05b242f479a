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
@Tag(name = "Administration")
public class RebuildResource {

    @Inject
    CallerContext callerContext;

    @Inject
    ProjectionRebuild rebuild;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rebuild the analytics projection from the event log",
            description = "Replays opportunity-events and pipeline-config-events from the beginning into fresh tables and "
                    + "swaps them in atomically. The projection holds every tenant, so this rebuilds them all; "
                    + "409 while a rebuild is running.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "{eventsReplayed, opportunities, salesProcesses, tailEvents, tookMillis}"),
            @APIResponse(responseCode = "403", description = "Not an admin"),
            @APIResponse(responseCode = "409", description = "A rebuild is already running (problem details)")})
    public Uni<ProjectionRebuild.Result> rebuild() {
        callerContext.current();
        return rebuild.rebuild();
    }
}
