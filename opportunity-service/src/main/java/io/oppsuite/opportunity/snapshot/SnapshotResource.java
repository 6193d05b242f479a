package io.oppsuite.opportunity.snapshot;

import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * The current state of every opportunity of the tenant, for a subscriber that must resync (it is
 * new, or it fell behind the topic's retention): each item is exactly the {@code opportunity}
 * object the events carry, with its {@code version}. Remember the topic's end offsets first, page
 * through this, then consume from those offsets applying only events whose
 * {@code opportunity.version} is newer than the one held (docs/events.md).
 */
@Path("/snapshots/opportunities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
@Tag(name = "Event subscribers", description = "What a subscriber to the opportunity events needs to resynchronise: current state, paged.")
public class SnapshotResource {

    @Inject
    CallerContext callerContext;

    @Inject
    Snapshots snapshots;

    /**
     * One page in id order; {@code nextAfter} is the {@code after} of the next page, null on the last.
     * {@code salesTeams}: the team of each deal of the page that has one, by opportunity id, as
     * {@code opportunity.sales-team-changed} carries it.
     */
    public record SnapshotPage(List<OpportunityState> opportunities, String nextAfter,
                               java.util.Map<String, List<io.oppsuite.common.contracts.OpportunityEvents.TeamMember>> salesTeams) {
    }

    @GET
    @Operation(operationId = "listOpportunitySnapshots", summary = "Current state per opportunity (resync for event subscribers)",
            description = "Every opportunity of the caller's tenant as the opportunity events carry it, in id order, "
                    + "with the sales team of each deal that has one (salesTeams, by opportunity id). "
                    + "Keyset paging: pass the previous page's nextAfter as after; nextAfter is null on the last page. "
                    + "Roles: admin or integration.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "after is not an opportunity id, or limit outside 1-1000")
    public Uni<SnapshotPage> page(@QueryParam("after") @Size(max = 64) String afterParam,
                                  @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return snapshots.page(callerContext.current(), afterId(afterParam), limit);
    }

    private static UUID afterId(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("after must be an opportunity id (the nextAfter of the previous page)");
        }
    }
}
