package io.oppsuite.opportunity.approval;

import io.oppsuite.opportunity.core.OpportunityView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/opportunities/{id}/resubmit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunities")
public class ResubmitResource {

    @Inject
    CallerContext callerContext;

    @Inject
    CreationResubmission resubmission;

    @POST
    @Operation(operationId = "resubmitOpportunity", summary = "Resubmit a rejected or withdrawn opportunity", description = "A REJECTED opportunity (its creation "
            + "approval refused) or a DRAFT one (its approval withdrawn in approval-service) is edited with PATCH and then "
            + "resubmitted here, with If-Match. The creation flow that applies to its current values is asked again (a new "
            + "approval request: PENDING_APPROVAL), or none applies and it becomes ACTIVE. Like a create, the deal must meet its "
            + "stage's entry conditions (422 stage-conditions-unmet), the owner's holding "
            + "limit is reserved first (409 holding-limit-exceeded, 503 with Retry-After) and the duplicate rules for creates "
            + "apply (409 duplicate-opportunity); nothing is written then.")
    @APIResponse(responseCode = "200", description = "PENDING_APPROVAL or ACTIVE; ETag carries the version", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "409", description = "not-resubmittable (neither REJECTED nor DRAFT), duplicate-opportunity, holding-limit-exceeded")
    @APIResponse(responseCode = "422", description = "stage-conditions-unmet (unmetRules)")
    public Uni<Response> resubmit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return resubmission.resubmit(callerContext.current(), id, expected)
                .map(done -> Response.ok(done.view()).tag(String.valueOf(done.opportunity().version)).build());
    }
}
