package io.oppsuite.opportunity.pool;

import io.oppsuite.opportunity.core.OpportunityView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.openapi.ApiContractFilter;
import io.oppsuite.common.web.Preconditions;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import io.oppsuite.opportunity.core.Written;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** An opportunity going back to a pool, and claimed from one. Translates HTTP; {@link PoolClaims} opens the transactions. */
@Path("/opportunities/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunity pools", description = "Shared pools of unowned deals that members may claim.")
public class PoolMoveResource {

    @Inject
    CallerContext callerContext;

    @Inject
    PoolClaims claims;

    @POST
    @Path("return-to-pool")
    @Operation(operationId = "returnOpportunityToPool", summary = "Return an opportunity to a pool", description = "By its owner, their department's manager or an admin "
            + "(404 for anyone else). The owner becomes null and poolId names the pool until someone claims it; emits "
            + "opportunity.owner-changed with a null owner, the pool in opportunity.poolId and the reason, so holding-service "
            + "stops counting it for the former owner. Only ACTIVE opportunities without a pending approval (422 "
            + "opportunity-not-returnable); one already in a pool: 409 already-in-pool; unknown pool: 422 unknown-pool. "
            + "If-Match guards against stale returns (412).")
    @APIResponse(responseCode = "200", description = "In the pool; ETag carries the version", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "409", description = "Already in a pool (type already-in-pool)")
    @APIResponse(responseCode = "422", description = "Not returnable (closed, pending approval) or unknown pool")
    public Uni<Response> returnToPool(@PathParam("id") UUID id, @Valid @NotNull ReturnToPool request, @HeaderParam("If-Match") String ifMatch) {
        return claims.returnToPool(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request)
                .map(PoolMoveResource::ok);
    }

    @POST
    @Path("claim")
    @Operation(operationId = "claimOpportunity", summary = "Claim an opportunity from its pool", description = "The caller becomes the owner (and the deal moves to "
            + "the caller's department when the token names one). Members of the pool only: 403 for a manager who is not one, 404 "
            + "for anyone who may not look into the pool. The caller's holding limit is reserved with holding-service first "
            + "(409 holding-limit-exceeded naming rule, limit and current; 503 with Retry-After when it is unavailable, nothing "
            + "written). Of parallel claims of one deal exactly one succeeds; the others get 409 already-claimed. A deal in no "
            + "pool: 409 not-in-pool. No body; If-Match optional (412 when stale). Emits opportunity.owner-changed with previousPoolId.")
    @Extension(name = ApiContractFilter.IF_MATCH_OPTIONAL, value = "optional")
    @APIResponse(responseCode = "200", description = "Claimed; ETag carries the version", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "403", description = "Not a member of the pool")
    @APIResponse(responseCode = "409", description = "already-claimed, not-in-pool, holding-limit-exceeded or concurrent-modification")
    @APIResponse(responseCode = "503", description = "holding-service unavailable; Retry-After given, nothing written")
    public Uni<Response> claim(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return claims.claim(callerContext.current(), id, Preconditions.optionalIfMatchVersion(ifMatch))
                .map(PoolMoveResource::ok);
    }

    /** The deal as GET answers it (line items included), with its ETag. */
    private static Response ok(Written deal) {
        return Response.ok(deal.view()).tag(String.valueOf(deal.opportunity().version)).build();
    }
}
