package io.oppsuite.approval.request;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
@Tag(name = "Approvals", description = "Approval requests opened by opportunity-service, decided by eligible approvers.")
public class ApprovalResource {

    private static final String CLOSED_EXAMPLE = """
            {"type": "https://oppsuite.io/problems/approval-closed", "title": "Approval is closed", "status": 409,
             "detail": "approval 5b0c... is WITHDRAWN and takes no more decisions", "approvalStatus": "WITHDRAWN"}""";

    @Inject
    CallerContext callerContext;

    @Inject
    ApprovalService service;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    WithdrawRequest.Reader withdrawRequests;

    @GET
    @Operation(operationId = "listApprovals", summary = "List approvals", description = "mine=true: the caller's pending approvals, i.e. those whose current step "
            + "the caller may decide and has not yet approved. Otherwise the approvals the caller may see, optionally by status. "
            + "Newest first. Paging: page (from 0), size (1-200); total counts all matches.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Unknown status, page < 0 or size outside 1-200")
    public Uni<Page<ApprovalView>> list(@Parameter(schema = @Schema(implementation = ApprovalStatus.class)) @QueryParam("status") String status, @QueryParam("mine") @DefaultValue("false") boolean mine,
                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return service.list(callerContext.current(), parseStatus(status), mine, page, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getApproval", summary = "Read an approval", description = "Visible to the requester, the owner (and their manager/admin) and the "
            + "approvers of its steps. ETag carries the version.")
    @APIResponse(responseCode = "200", description = "The approval with its steps and progress", content = @Content(schema = @Schema(implementation = ApprovalView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "Unknown, another tenant's, or not visible to the caller")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(callerContext.current(), id).map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
    }

    @GET
    @Path("{id}/timeline")
    @Operation(operationId = "getApprovalTimeline", summary = "What happened to an approval, oldest first", description = "Requested, each decision, withdrawal: who, when, what, comment.")
    @APIResponse(responseCode = "200", description = "Timeline entries")
    @APIResponse(responseCode = "404", description = "Unknown, another tenant's, or not visible to the caller")
    public Uni<List<TimelineView>> timeline(@PathParam("id") UUID id) {
        return service.timeline(callerContext.current(), id);
    }

    @POST
    @Path("{id}/decisions")
    @Operation(operationId = "decideApproval", summary = "Approve or reject the current step", description = "Only an eligible approver of the current step "
            + "(403 otherwise; 404 if they cannot see the approval). A second decision, or one on a closed or withdrawn approval, "
            + "is 409. A decision that races a concurrent one is retried on the fresh state. The final decision publishes approval.approved / "
            + "approval.rejected. Send an Idempotency-Key to retry safely: a retry answers as the first time and changes nothing.")
    @APIResponse(responseCode = "200", description = "The approval after the decision", content = @Content(schema = @Schema(implementation = ApprovalView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "400", description = "Malformed body, unknown decision or field, comment over 2000 characters")
    @APIResponse(responseCode = "403", description = "Not an approver of the current step, or the requester/owner themselves")
    @APIResponse(responseCode = "404", description = "Unknown, another tenant's, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Already decided by the caller, approval closed or withdrawn (also when a concurrent decision closed it)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "closed", value = CLOSED_EXAMPLE)))
    public Uni<Response> decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        Caller caller = callerContext.current();
        // the key is remembered per tenant: the fingerprint ties it to this approval and approver as well
        DecisionFingerprint fingerprint = new DecisionFingerprint(id.toString(), caller.employeeId(), request.decision(), request.comment());
        return service.decide(caller, id, request, idempotencyKey, fingerprint, v -> Response.ok(v).tag(String.valueOf(v.version())).build());
    }

    @POST
    @Path("{id}/withdraw")
    // the body is optional, so a bare POST (no body, no Content-Type) must be accepted too
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "withdrawApproval", summary = "Withdraw a pending approval", description = "Only the requester or an admin; publishes approval.withdrawn. "
            + "The JSON body {\"comment\": \"...\"} is optional. 409 once closed.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WithdrawRequest.class)))
    @APIResponse(responseCode = "200", description = "The withdrawn approval", content = @Content(schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, unknown field, comment over 2000 characters")
    @APIResponse(responseCode = "403", description = "Neither the requester nor an admin")
    @APIResponse(responseCode = "404", description = "Unknown, another tenant's, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Already approved, rejected or withdrawn")
    public Uni<ApprovalView> withdraw(@PathParam("id") UUID id, String body) {
        WithdrawRequest request = withdrawRequests.read(body);
        Caller caller = callerContext.current();
        return service.withdraw(caller, id, request.comment());
    }

    /** What a decision's Idempotency-Key stands for: a stable shape, so a retry after a restart hashes the same. */
    record DecisionFingerprint(String approvalId, String approver, ApprovalProgress.Decision decision, String comment) {
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
