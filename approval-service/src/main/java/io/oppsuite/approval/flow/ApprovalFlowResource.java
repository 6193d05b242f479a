package io.oppsuite.approval.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/approval-flows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Approval flows", description = "Per-tenant approval flows: trigger, conditions, ordered approver steps. Admins configure.")
public class ApprovalFlowResource {

    @Inject
    CallerContext callerContext;

    @Inject
    ApprovalFlowService service;


    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createApprovalFlow", summary = "Create an approval flow", description = "Publishes approval-flow.upserted. 422 lists every broken rule. "
            + "Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag set", content = @Content(schema = @Schema(implementation = FlowView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "400", description = "Malformed body or a missing/oversized field (violations)")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "422", description = "Broken flow rules", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "invalid", value = """
                    {"type": "https://oppsuite.io/problems/invalid-approval-flow", "status": 422, "title": "Approval flow is not valid",
                     "errors": ["stageKey is required for a STAGE_COMPLETION flow", "steps[0]: ROLE needs a role"]}""")))
    public Uni<Response> create(@Valid @NotNull FlowRequest request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return service.create(callerContext.current(), request, idempotencyKey, view -> Response.created(URI.create("/approval-flows/" + view.id()))
                .tag(String.valueOf(view.version())).entity(view).build());
    }

    @GET
    @Operation(operationId = "listApprovalFlows", summary = "List the tenant's approval flows")
    @APIResponse(responseCode = "200", description = "Every flow of the tenant, by name")
    public Uni<List<FlowView>> list() {
        return service.list(callerContext.current());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getApprovalFlow", summary = "Read an approval flow", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "The flow", content = @Content(schema = @Schema(implementation = FlowView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "Unknown or another tenant's")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(callerContext.current(), id).map(view -> Response.ok(view).tag(String.valueOf(view.version())).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceApprovalFlow", summary = "Replace an approval flow", description = "If-Match guards against lost updates (412). "
            + "Approvals already requested keep the steps they started with. Publishes approval-flow.upserted.")
    @APIResponse(responseCode = "200", description = "Replaced; ETag carries the new version", content = @Content(schema = @Schema(implementation = FlowView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "Unknown or another tenant's")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "Broken flow rules")
    public Uni<Response> replace(@PathParam("id") UUID id, @Valid @NotNull FlowRequest request, @HeaderParam("If-Match") String ifMatch) {
        return service.replace(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request)
                .map(view -> Response.ok(view).tag(String.valueOf(view.version())).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteApprovalFlow", summary = "Delete an approval flow", description = "Publishes approval-flow.deleted. Approvals already requested go on.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown or another tenant's")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return service.delete(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch))
                .map(ignored -> Response.noContent().build());
    }
}
