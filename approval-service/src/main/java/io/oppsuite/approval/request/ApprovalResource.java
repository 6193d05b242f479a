package io.oppsuite.approval.request;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Approval instances. Access is the same on every endpoint: an approval the caller may not see
 * is 404; one they may see but not act on is 403; a closed one, or a second decision, is 409.
 */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@SecurityRequirement(name = "jwt")
@Tag(name = "Approvals", description = "Approval requests opened by opportunity-service, decided by eligible approvers.")
public class ApprovalResource {

    @Inject
    CallerContext callerContext;

    @Inject
    ApprovalService service;

    @GET
    @WithSession
    @Operation(summary = "List approvals", description = "mine=true: pending approvals whose current step the caller may decide "
            + "(status is then PENDING). Otherwise the approvals the caller may see, newest first, up to 200, optionally by status.")
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status, @QueryParam("mine") @DefaultValue("false") boolean mine) {
        return service.list(callerContext.current(), parseStatus(status), mine);
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "Read an approval", description = "Visible to the requester, the owner (and their manager/admin) and the approvers of its steps.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(callerContext.current(), id).map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
    }

    @GET
    @Path("{id}/timeline")
    @WithSession
    @Operation(summary = "What happened to an approval, oldest first", description = "Requested, each decision, withdrawal: who, when, what, comment.")
    public Uni<List<TimelineView>> timeline(@PathParam("id") UUID id) {
        return service.timeline(callerContext.current(), id);
    }

    @POST
    @Path("{id}/decisions")
    @WithTransaction
    @Operation(summary = "Approve or reject the current step", description = "Only an eligible approver of the current step "
            + "(403 otherwise; 404 if they cannot see the approval). A second decision, or one on a closed or withdrawn approval, "
            + "is 409; so is losing a race with a concurrent decision. The final decision publishes approval.approved / approval.rejected.")
    public Uni<ApprovalView> decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return service.decide(callerContext.current(), id, request);
    }

    @POST
    @Path("{id}/withdraw")
    @WithTransaction
    @Operation(summary = "Withdraw a pending approval", description = "Only the requester; publishes approval.withdrawn. 409 once closed.")
    public Uni<ApprovalView> withdraw(@PathParam("id") UUID id, @Valid WithdrawRequest request) {
        return service.withdraw(callerContext.current(), id, request == null ? null : request.comment());
    }

    private static ApprovalStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApprovalStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("status must be one of " + List.of(ApprovalStatus.values()));
        }
    }
}
