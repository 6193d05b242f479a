package io.oppsuite.opportunity.team;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.SalesTeamMember;
import io.oppsuite.opportunity.core.TeamMemberInput;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A deal's sales team over HTTP. Translates HTTP only; {@link SalesTeamService} opens the transactions. */
@Path("/opportunities/{id}/sales-team")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Sales team", description = "Colleagues who see (READ) or also work (EDIT) a deal besides its owner.")
public class SalesTeamResource {

    /** One member as the API answers it; ETag of its own answers carries {@code version}. */
    public record TeamMemberView(String employeeId, String role, TeamAccess access, Instant addedAt, String addedBy,
                                 Instant updatedAt, long version) {
        static TeamMemberView of(SalesTeamMember m) {
            return new TeamMemberView(m.employeeId, m.role, m.access, m.addedAt, m.addedBy, m.updatedAt, m.version);
        }
    }

    public record SalesTeamView(String opportunityId, List<TeamMemberView> members) {
    }

    /** A member's role and access, as PUT sets them. */
    public record TeamMemberChange(@Size(max = 100) String role, @NotNull TeamAccess access) {
    }

    @Inject
    CallerContext callerContext;

    @Inject
    SalesTeamService team;

    @GET
    @Operation(operationId = "getSalesTeam", summary = "The deal's sales team", description = "For whoever may see the deal, its team members included.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SalesTeamView.class)))
    public Uni<SalesTeamView> list(@PathParam("id") UUID id) {
        return team.team(callerContext.current(), id)
                .map(members -> new SalesTeamView(id.toString(), members.stream().map(TeamMemberView::of).toList()));
    }

    @GET
    @Path("{employeeId}")
    @Operation(operationId = "getSalesTeamMember", summary = "One member of the deal's sales team", description = "ETag carries the member's version for If-Match.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TeamMemberView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id, @PathParam("employeeId") @Size(max = 64) String employeeId) {
        return team.member(callerContext.current(), id, employeeId).map(SalesTeamResource::ok);
    }

    @POST
    @Operation(operationId = "addSalesTeamMember", summary = "Add a colleague to the deal's sales team", description = "By the deal's owner, "
            + "their department's manager or an admin (a team member gets 403). READ: the member sees the deal in lists, reads and "
            + "analytics; EDIT: also changes its fields, line items, stage and associated records. Owner changes, deletes, pools, "
            + "reopening and the team stay with the owner's level. Holding limits count owners only: a member's own limit is "
            + "untouched. Emits opportunity.sales-team-changed.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = TeamMemberView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "409", description = "team-member-exists: already on the team (change them with PUT)")
    @APIResponse(responseCode = "422", description = "team-member-is-owner, sales-team-full")
    public Uni<Response> add(@PathParam("id") UUID id, @Valid @NotNull TeamMemberInput request) {
        return team.add(callerContext.current(), id, request).map(m -> Response
                .created(URI.create("/opportunities/" + id + "/sales-team/" + m.employeeId))
                .tag(String.valueOf(m.version)).entity(TeamMemberView.of(m)).build());
    }

    @PUT
    @Path("{employeeId}")
    @Operation(operationId = "changeSalesTeamMember", summary = "Change a member's role or access", description = "If-Match with the member's "
            + "ETag (428 without, 412 when stale). Lowering EDIT to READ takes effect with the answer. Emits opportunity.sales-team-changed "
            + "when something changed.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TeamMemberView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> change(@PathParam("id") UUID id, @PathParam("employeeId") @Size(max = 64) String employeeId,
                                @Valid @NotNull TeamMemberChange request, @HeaderParam("If-Match") String ifMatch) {
        return team.change(callerContext.current(), id, employeeId, Preconditions.ifMatchVersion(ifMatch), request.role(), request.access())
                .map(SalesTeamResource::ok);
    }

    @DELETE
    @Path("{employeeId}")
    @Operation(operationId = "removeSalesTeamMember", summary = "Remove a member from the deal's sales team", description = "If-Match with the "
            + "member's ETag (428 without). Their access ends with the answer. Emits opportunity.sales-team-changed.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("employeeId") @Size(max = 64) String employeeId,
                                @HeaderParam("If-Match") String ifMatch) {
        return team.remove(callerContext.current(), id, employeeId, Preconditions.ifMatchVersion(ifMatch))
                .map(ignored -> Response.noContent().build());
    }

    private static Response ok(SalesTeamMember m) {
        return Response.ok(TeamMemberView.of(m)).tag(String.valueOf(m.version)).build();
    }
}
