package io.oppsuite.opportunity.stage;

import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.OpportunityView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** A deal's stages over HTTP: readiness, moves, reopening, history. Translates HTTP only; {@link StageTransitionService} opens the transactions. */
@Path("/opportunities/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunities")
public class StageResource {

    @Inject
    CallerContext callerContext;

    @Inject
    StageTransitionService transitions;

    @GET
    @Path("stage-readiness")
    @Operation(operationId = "getStageReadiness", summary = "Why can't it move?", description = "Every rule of moving to 'to' and whether it holds; nothing moves. "
            + "'to' the deal's own stage: whether it meets that stage's entry conditions as it is, the verdict every write "
            + "that changes the deal is held to. The same evaluator decides the writes.")
    public Uni<StageTransitionService.Readiness> readiness(@PathParam("id") UUID id, @QueryParam("to") @NotBlank String to) {
        return transitions.readiness(callerContext.current(), id, to);
    }

    @POST
    @Path("stage-transitions")
    @Operation(operationId = "moveOpportunity", summary = "Move to another stage", description = "The sales process decides: next stage unless skipped stages "
            + "allow skip, the target's entry conditions, the current stage's completion tasks, Lost/Invalid requirements "
            + "(a Lost/Invalid stage that ignores in-progress rules waives the completion tasks and approval; the stage history "
            + "and opportunity.stage-changed name the rules it waived and the reason given). "
            + "422 (type stage-transition-refused) lists every unmet rule in unmetRules; If-Match guards against stale moves (412). "
            + "The win rate becomes the target stage's default unless the request carries winRate. Into an in-progress stage the "
            + "owner's holding limit is reserved first (409 holding-limit-exceeded / 503). "
            + "A deal whose stage has left its process (a removal raced a move into it) moves out to any stage of the current "
            + "version: the skip rule and the left stage's completion rules are waived (stage-left-process, recorded as a waived "
            + "rule), the target's rules are not. "
            + "When leaving the stage needs an approval, the move is recorded as pendingMove and 202 is answered; "
            + "approval.approved performs it if its rules still hold, approval.rejected leaves it with lastRejection.")
    @APIResponse(responseCode = "200", description = "Moved; the opportunity as GET answers it", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "202", description = "Waiting for the stage-completion approval (pendingMove)", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "409", description = "A move waits for its approval, or the holding limit")
    @APIResponse(responseCode = "422", description = "Refused; unmetRules lists every rule not met")
    public Uni<Response> move(@PathParam("id") UUID id, @Valid @NotNull StageTransitionRequest request,
                              @HeaderParam("If-Match") String ifMatch) {
        return transitions.move(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request)
                .map(moved -> Response.status(moved.pendingApproval() ? 202 : 200)
                        .entity(OpportunityView.of(moved.opportunity(), moved.lineItems(), null))
                        .tag(String.valueOf(moved.opportunity().version)).build());
    }

    @POST
    @Path("reopen")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(operationId = "reopenOpportunity", summary = "Reopen a closed deal", description = "Managers (their department's deals) and admins move a Won, Lost or "
            + "Invalid deal back into an in-progress stage of its process, with a reason (required). The target's entry "
            + "conditions apply (422 reopen-refused listing unmetRules); skip rules and completion tasks do not. Status becomes "
            + "ACTIVE, the reason is kept in the stage history and sent in opportunity.stage-changed (a new stay in that stage), "
            + "the win rate becomes the stage's default unless winRate is given, and the owner's holding limit is reserved "
            + "first (409 / 503). If-Match required.")
    @APIResponse(responseCode = "200", description = "Reopened; the opportunity as GET answers it", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "422", description = "Not closed, target not an in-progress stage of the process, or its entry conditions unmet")
    public Uni<Response> reopen(@PathParam("id") UUID id, @Valid @NotNull ReopenRequest request,
                                @HeaderParam("If-Match") String ifMatch) {
        return transitions.reopen(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request)
                .map(moved -> Response.ok(OpportunityView.of(moved.opportunity(), moved.lineItems(), null))
                        .tag(String.valueOf(moved.opportunity().version)).build());
    }

    @GET
    @Path("stage-history")
    @Operation(operationId = "getStageHistory", summary = "Every stage move of the opportunity, oldest first")
    public Uni<List<StageHistoryView>> history(@PathParam("id") UUID id) {
        return transitions.history(callerContext.current(), id);
    }
}
