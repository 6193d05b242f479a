package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The duplicate check tool: what a candidate would duplicate, and the tenant's existing duplicate groups. Translates HTTP; {@link DuplicateSearch} runs the queries. */
@Path("/opportunities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Duplicate rules", description = "Rules that find, warn about or block duplicate opportunities, and the check itself.")
public class DuplicateCheckResource {

    /** A would-be opportunity; nothing is created. {@code excludeId}: an opportunity not to match (itself, on edit). */
    public record Candidate(@Size(max = 200) String name, @Size(max = 64) String accountId, @Size(max = 64) String ownerId,
                            LocalDate expectedCloseDate, @Size(max = 500) List<@Size(max = 100) String> productLines,
                            DuplicateRule.AppliesTo operation, UUID excludeId) {
    }

    public record CheckResult(boolean duplicate, boolean blocked, List<DuplicateMatch> matches) {
    }

    public record Member(String id, String name, String ownerId, LocalDate expectedCloseDate) {
    }

    public record DuplicateGroup(String ruleId, String ruleName, DuplicateMatch.Action action, List<Member> opportunities) {
    }

    @Inject
    CallerContext callerContext;

    @Inject
    DuplicateSearch search;

    @POST
    @Path("duplicate-check")
    @Operation(operationId = "checkDuplicates", summary = "Check a candidate against the duplicate rules", description = "Matches under every active rule "
            + "(or only those covering 'operation'); nothing is created.")
    public Uni<CheckResult> check(@Valid @NotNull Candidate candidate) {
        return search.check(callerContext.current(), candidate);
    }

    @GET
    @Path("duplicate-groups")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(operationId = "listDuplicateGroups", summary = "Existing duplicate groups of the tenant", description = "Opportunities sharing a key under a rule "
            + "(and, for close-date rules, chained within the window).")
    public Uni<List<DuplicateGroup>> groups() {
        return search.groups(callerContext.current());
    }
}
